package no.dhoindex.demoplatform;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Random;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Synthetic patients (Tenor-style ids that pass the check digits) with two weeks of home
 * measurements each, coded as DOMAIN.md §8 says (LOINC, UCUM), the municipality as performer.
 * Values come from a fixed seed so every start shows the same series.
 */
final class DemoSeries {

    static final String NATIONAL_ID = "urn:oid:2.16.578.1.12.4.1.4.1";
    static final String ORGNR = "urn:oid:2.16.578.1.12.4.1.4.101";
    static final String LOINC = "http://loinc.org";
    static final String UCUM = "http://unitsofmeasure.org";
    static final String KOMMUNE_ORGNR = "921234567";

    private DemoSeries() {
    }

    static void seed(PlatformStore store, LocalDate today) {
        Random random = new Random(20261124L);
        patient(store, random, today, "15077510041", "Nordmann", "Kari", Enumerations.AdministrativeGender.FEMALE,
                "1975-07-15", true);
        patient(store, random, today, "23059110047", "Hansen", "Ola", Enumerations.AdministrativeGender.MALE,
                "1991-05-23", false);
        patient(store, random, today, "01818010083", "Berg", "Per", Enumerations.AdministrativeGender.MALE,
                "1980-01-01", true);
    }

    private static void patient(PlatformStore store, Random random, LocalDate today, String fnr, String family,
                                String given, Enumerations.AdministrativeGender gender, String birthDate,
                                boolean copd) {
        Patient patient = new Patient();
        patient.addIdentifier(new Identifier().setSystem(NATIONAL_ID).setValue(fnr));
        patient.addName(new HumanName().setFamily(family).addGiven(given));
        patient.setGender(gender);
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType(birthDate));
        store.save(patient);
        Reference subject = new Reference().setIdentifier(new Identifier().setSystem(NATIONAL_ID).setValue(fnr))
                .setDisplay(given + " " + family);
        for (int day = 13; day >= 0; day--) {
            Date at = Date.from(today.minusDays(day).atTime(8, 0).toInstant(ZoneOffset.UTC));
            int systolic = 128 + random.nextInt(20);
            int diastolic = 78 + random.nextInt(12);
            Observation bp = vital(subject, at, "85354-9", "Blood pressure panel with all children optional");
            bp.addComponent().setCode(loinc("8480-6", "Systolic blood pressure"))
                    .setValue(quantity(systolic, "mm[Hg]"));
            bp.addComponent().setCode(loinc("8462-4", "Diastolic blood pressure"))
                    .setValue(quantity(diastolic, "mm[Hg]"));
            store.save(bp);
            store.save(vital(subject, at, "8867-4", "Heart rate").setValue(quantity(62 + random.nextInt(25), "/min")));
            if (copd) {
                store.save(vital(subject, at, "2708-6", "Oxygen saturation in Arterial blood")
                        .setValue(quantity(90 + random.nextInt(7), "%")));
            }
            store.save(vital(subject, at, "29563-7", "Body weight")
                    .setValue(quantity(70 + random.nextInt(30) / 10.0, "kg")));
        }
        CarePlan plan = new CarePlan();
        plan.setStatus(CarePlan.CarePlanStatus.ACTIVE).setIntent(CarePlan.CarePlanIntent.PLAN);
        plan.setTitle("Egenbehandlingsplan: mål blodtrykk og puls hver morgen" + (copd ? ", SpO2 ved tungpust" : ""));
        plan.setSubject(subject);
        store.save(plan);
        MedicationStatement medication = new MedicationStatement();
        medication.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
        medication.setMedication(new CodeableConcept().setText("Amlodipin 5 mg tablett"));
        medication.setSubject(subject);
        store.save(medication);
    }

    static Observation vital(Reference subject, Date at, String code, String display) {
        Observation o = new Observation();
        o.setStatus(Observation.ObservationStatus.FINAL);
        o.addCategory(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")));
        o.setCode(loinc(code, display));
        o.setSubject(subject);
        o.setEffective(new DateTimeType(at));
        o.addPerformer(new Reference().setIdentifier(new Identifier().setSystem(ORGNR).setValue(KOMMUNE_ORGNR))
                .setDisplay("Demo kommune"));
        return o;
    }

    static CodeableConcept loinc(String code, String display) {
        return new CodeableConcept().addCoding(new Coding(LOINC, code, display));
    }

    private static Quantity quantity(double value, String unit) {
        return new Quantity().setValue(value).setUnit(unit).setSystem(UCUM).setCode(unit);
    }
}

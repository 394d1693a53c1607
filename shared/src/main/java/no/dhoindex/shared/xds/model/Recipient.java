package no.dhoindex.shared.xds.model;

/** An intended recipient of a submission set: an organisation, a person, a telecom address, or some of them. */
public record Recipient(Institution institution, Person person, Telecom telecom) {
}

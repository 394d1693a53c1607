// Bokmål first, English available; the choice is kept in this browser.
const TEXT = {
  nb: {
    'app.title': 'DHO Index – pasientoversikt', 'citizen.title': 'DHO Index – hvem har sett mine opplysninger',
    language: 'English', 'login.heading': 'Logg inn som helsepersonell', patient: 'Pasientens fødselsnummer',
    purpose: 'Formål', 'purpose.TREAT': 'Behandling (TREAT)', 'purpose.COC': 'Koordinering av helsehjelp (COC)',
    'purpose.ETREAT': 'Akutt behandling (ETREAT)', 'purpose.BTG': 'Nødtilgang (BTG)', login: 'Logg inn',
    logout: 'Logg ut', period: 'Periode', 'period.7': 'Siste 7 dager', 'period.30': 'Siste 30 dager',
    'period.90': 'Siste 90 dager', 'period.365': 'Siste år', latest: 'Siste målinger', measurement: 'Måling',
    value: 'Verdi', time: 'Tidspunkt', source: 'Kilde', charts: 'Målinger over tid', plan: 'Egenbehandlingsplan',
    medication: 'Legemiddelliste', documents: 'Dokumenter', date: 'Dato', type: 'Type', title: 'Tittel',
    open: 'Åpne', unanswered: 'Kilder som ikke svarte', 'unanswered.none': 'Alle kilder svarte.',
    none: 'Ingen.', noValues: 'Ingen målinger i perioden.', loading: 'Henter …', reference: 'Referanseområde',
    'reference.default': 'referanseområde (standard)', document: 'Dokument', close: 'Lukk',
    'patient.invalid': 'Et fødselsnummer har 11 siffer.', 'login.failed': 'Innloggingen mislyktes',
    'failed': 'Kunne ikke hentes', loggedInAs: 'Innlogget som', forPatient: 'pasient',
    hr: 'Puls', bp: 'Blodtrykk', spo2: 'Oksygenmetning (SpO₂)', weight: 'Kroppsvekt', temp: 'Kroppstemperatur',
    glucose: 'Blodsukker', systolic: 'systolisk', diastolic: 'diastolisk',
    'citizen.login.heading': 'Logg inn for å se hvem som har sett dine opplysninger',
    'citizen.heading': 'Hvem har sett mine opplysninger', when: 'Når', who: 'Hvem', role: 'Rolle',
    organisation: 'Virksomhet', why: 'Formål', what: 'Hva', outcome: 'Utfall', granted: 'Tilgang gitt',
    refused: 'Avvist', withheld: 'Navn holdes tilbake', allOrganisations: 'Alle virksomheter',
    filterOrganisation: 'Vis virksomhet', observer: 'Logget av', unreadLogs: 'Logger som ikke kunne leses',
    clinicianLink: 'Til pasientoversikten', citizenLink: 'Hvem har sett mine opplysninger (innbygger)',
    'role.LE': 'Lege', 'role.SP': 'Sykepleier', 'role.HP': 'Helsefagarbeider', 'role.JO': 'Jordmor',
    'role.FT': 'Fysioterapeut', 'role.AA': 'Ambulansearbeider', 'role.PS': 'Psykolog', 'role.TL': 'Tannlege',
    'role.ET': 'Ergoterapeut', 'role.VP': 'Vernepleier',
  },
  en: {
    'app.title': 'DHO Index – patient overview', 'citizen.title': 'DHO Index – who has seen my data',
    language: 'Norsk', 'login.heading': 'Log in as health personnel', patient: "Patient's national id",
    purpose: 'Purpose of use', 'purpose.TREAT': 'Treatment (TREAT)', 'purpose.COC': 'Coordination of care (COC)',
    'purpose.ETREAT': 'Emergency treatment (ETREAT)', 'purpose.BTG': 'Break the glass (BTG)', login: 'Log in',
    logout: 'Log out', period: 'Period', 'period.7': 'Last 7 days', 'period.30': 'Last 30 days',
    'period.90': 'Last 90 days', 'period.365': 'Last year', latest: 'Latest measurements', measurement: 'Measurement',
    value: 'Value', time: 'Time', source: 'Source', charts: 'Measurements over time', plan: 'Self-management plan',
    medication: 'Medication list', documents: 'Documents', date: 'Date', type: 'Type', title: 'Title',
    open: 'Open', unanswered: 'Sources that did not answer', 'unanswered.none': 'Every source answered.',
    none: 'None.', noValues: 'No measurements in the period.', loading: 'Loading …', reference: 'Reference range',
    'reference.default': 'reference range (default)', document: 'Document', close: 'Close',
    'patient.invalid': 'A national id has 11 digits.', 'login.failed': 'Login failed',
    'failed': 'Could not be read', loggedInAs: 'Logged in as', forPatient: 'patient',
    hr: 'Heart rate', bp: 'Blood pressure', spo2: 'Oxygen saturation (SpO₂)', weight: 'Body weight',
    temp: 'Body temperature', glucose: 'Blood glucose', systolic: 'systolic', diastolic: 'diastolic',
    'citizen.login.heading': 'Log in to see who has seen your data',
    'citizen.heading': 'Who has seen my data', when: 'When', who: 'Who', role: 'Role',
    organisation: 'Organisation', why: 'Purpose', what: 'What', outcome: 'Outcome', granted: 'Granted',
    refused: 'Refused', withheld: 'Name withheld', allOrganisations: 'All organisations',
    filterOrganisation: 'Show organisation', observer: 'Logged by', unreadLogs: 'Logs that could not be read',
    clinicianLink: 'To the patient overview', citizenLink: 'Who has seen my data (citizen)',
    'role.LE': 'Physician', 'role.SP': 'Nurse', 'role.HP': 'Health care worker', 'role.JO': 'Midwife',
    'role.FT': 'Physiotherapist', 'role.AA': 'Ambulance worker', 'role.PS': 'Psychologist', 'role.TL': 'Dentist',
    'role.ET': 'Occupational therapist', 'role.VP': 'Social educator',
  },
};

export let language = localStorage.getItem('dho.lang') === 'en' ? 'en' : 'nb';

export function t(key) {
  return TEXT[language][key] ?? key;
}

/** Fills every [data-i18n] element (and [data-i18n-title]) and sets the page's language. */
export function translate(root = document) {
  document.documentElement.lang = language === 'en' ? 'en' : 'nb';
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
}

/** The language button: switches, keeps the choice, and lets the page draw itself again. */
export function languageButton(button, redraw) {
  button.addEventListener('click', () => {
    language = language === 'en' ? 'nb' : 'en';
    localStorage.setItem('dho.lang', language);
    translate();
    redraw();
  });
}

export function formatTime(value) {
  if (!value) return '';
  return new Date(value).toLocaleString(language === 'en' ? 'en-GB' : 'nb-NO',
    { dateStyle: 'short', timeStyle: 'short' });
}

export function formatDate(value) {
  if (!value) return '';
  return new Date(value).toLocaleDateString(language === 'en' ? 'en-GB' : 'nb-NO');
}

// The citizen's own access log ("who has seen my data"), read from the gateway's AuditEvent search with the
// citizen's token: the gateway answers only about the person the token names, newest first.
import { searchAll } from './session.js';
import { openPage } from './page.js';
import { $, el, showError } from './dom.js';
import { t, formatTime } from './i18n.js';

const NATIONAL_ID = 'urn:oid:2.16.578.1.12.4.1.4.1';
const ORGNR = 'urn:oid:2.16.578.1.12.4.1.4.101';
const WITHHELD = 'https://dhoindex.no/fhir/StructureDefinition/name-withheld';
// The health personnel category (helsepersonellkategori) the user acted in; a code without a label is shown as is.
const ROLE = 'urn:oid:2.16.578.1.12.4.1.1.9060';
const ROLES = ['LE', 'SP', 'HP', 'JO', 'FT', 'AA', 'PS', 'TL', 'ET', 'VP'];
const PURPOSES = { TREAT: 'purpose.TREAT', COC: 'purpose.COC', ETREAT: 'purpose.ETREAT', BTG: 'purpose.BTG' };

let config;
let state = null;



function organisationOf(event) {
  const agent = (event.agent ?? []).find((a) => a.who?.identifier?.system === ORGNR && !a.requestor);
  const orgnr = agent?.who?.identifier?.value;
  return orgnr ? (config.organisations[orgnr] ?? agent.who.display ?? orgnr) : '';
}

function userOf(event) {
  const agent = (event.agent ?? []).find((a) => a.requestor);
  if (!agent) return { name: '', withheld: false };
  const withheld = (agent.extension ?? []).some((x) => x.url === WITHHELD && x.valueBoolean);
  return { name: withheld ? t('withheld') : (agent.name ?? agent.who?.display ?? ''), withheld };
}

function roleOf(event) {
  const agent = (event.agent ?? []).find((a) => a.requestor);
  const code = (agent?.role ?? []).flatMap((r) => r.coding ?? []).find((c) => c.system === ROLE)?.code;
  return code ? (ROLES.includes(code) ? t(`role.${code}`) : code) : '';
}

function purposeOf(event) {
  const code = event.purposeOfEvent?.[0]?.coding?.[0]?.code;
  return code ? (PURPOSES[code] ? t(PURPOSES[code]) : code) : '';
}

function draw() {
  if (!state) return;
  const filter = $('organisation-filter');
  const chosen = filter.value;
  const organisations = [...new Set(state.events.map(organisationOf).filter(Boolean))].sort();
  filter.replaceChildren(el('option', t('allOrganisations'), { value: '' }),
    ...organisations.map((o) => el('option', o, { value: o })));
  filter.value = organisations.includes(chosen) ? chosen : '';
  const shown = state.events.filter((e) => !filter.value || organisationOf(e) === filter.value);
  $('events').tBodies[0].replaceChildren(...shown.map((e) => {
    const user = userOf(e);
    const refused = e.outcome && e.outcome !== '0';
    const tr = el('tr', undefined, { class: refused ? 'refused' : '' });
    const who = el('td', user.name, user.withheld ? { class: 'withheld' } : {});
    tr.append(el('td', formatTime(e.recorded)), who, el('td', roleOf(e)), el('td', organisationOf(e)),
      el('td', purposeOf(e)), el('td', e.outcomeDesc ?? ''), el('td', refused ? t('refused') : t('granted')),
      el('td', e.source?.observer?.display ?? ''));
    return tr;
  }));
  $('unread').replaceChildren(...(state.unread.length ? state.unread.map((u) => el('li', u)) : [el('li', t('none'))]));
}

async function main() {
  $('organisation-filter').addEventListener('change', draw);
  const opened = await openPage(draw, (login) => $('login-button').addEventListener('click',
    () => login('nhn:dho-index/own-log', new URL('citizen.html', location.href).href, {})));
  if (!opened?.logged) return;
  config = opened.config;
  const pid = opened.logged.claims['helseid://claims/identity/pid'];
  $('start').hidden = true;
  $('log').hidden = false;
  $('who').textContent = pid;
  const search = new URL('../fhir/AuditEvent', location.href);
  search.searchParams.set('patient.identifier', `${NATIONAL_ID}|${pid}`);
  const { entries, error } = await searchAll(search.href);
  // What could be read is shown; the reason the rest could not be is shown above it.
  if (error) showError(error);
  const events = entries.map((e) => e.resource).filter((r) => r?.resourceType === 'AuditEvent')
    .sort((a, b) => new Date(b.recorded ?? 0) - new Date(a.recorded ?? 0));
  const unread = entries.map((e) => e.resource).filter((r) => r?.resourceType === 'OperationOutcome')
    .flatMap((o) => (o.issue ?? []).map((i) => i.diagnostics ?? i.code));
  state = { events, unread };
  draw();
  document.body.dataset.loaded = 'true';
}

main();

// The clinician's overview of one patient: the user's choice of patient and purpose goes to the issuer, which puts
// it into the token's attestation; every call below goes to the gateway's public FHIR API with that token.
import { get, searchAll } from './session.js';
import { openPage } from './page.js';
import { $, el, showError } from './dom.js';
import { t, formatTime, formatDate } from './i18n.js';

const NATIONAL_ID = 'urn:oid:2.16.578.1.12.4.1.4.1';
const LOINC = 'http://loinc.org';
/** The gateway's tag naming the community each resource came from (code: homeCommunityId, display: its name). */
const SOURCE_TAG = 'https://dhoindex.no/fhir/CodeSystem/source-community';
// LOINC codes as DOMAIN.md §8 names them. Reference ranges: the Observation's own where it carries one, else
// these adult defaults (shown as "default"), none for body weight.
const VITALS = [
  { key: 'hr', code: '8867-4', unit: '/min', range: [50, 100] },
  { key: 'bp', code: '85354-9', unit: 'mmHg',
    components: [{ key: 'systolic', code: '8480-6', range: [90, 140] }, { key: 'diastolic', code: '8462-4', range: [60, 90] }] },
  { key: 'spo2', code: '2708-6', unit: '%', range: [95, 100] },
  { key: 'weight', code: '29563-7', unit: 'kg', range: null },
  { key: 'temp', code: '8310-5', unit: '°C', range: [36.1, 38.0] },
  { key: 'glucose', code: '15074-8', unit: 'mmol/L', range: [4.0, 7.8] },
];
const COLOURS = ['#0b6e99', '#c44e00', '#2e7d32', '#7b1fa2', '#ad1457', '#5d4037'];
const POINTS = ['circle', 'triangle', 'rect', 'rectRot', 'star', 'crossRot'];

const fhir = new URL('../fhir', location.href).href;
let config;
let session;
let state = null; // what was read, to draw again after a change of language



function row(cells) {
  const tr = el('tr');
  cells.forEach((c) => tr.append(c instanceof Node ? (() => { const td = el('td'); td.append(c); return td; })() : el('td', c)));
  return tr;
}

/** The organisation that answered with a resource: the gateway tags each with its community. */
function sourceOf(resource) {
  const tag = (resource.meta?.tag ?? []).find((c) => c.system === SOURCE_TAG);
  const community = tag?.display ?? resource.meta?.source;
  return config.communities[community] ?? config.communities[resource.meta?.source] ?? community ?? '?';
}

function patientParam(fnr) {
  return `${NATIONAL_ID}|${fnr}`;
}

function url(type, params) {
  const u = new URL(`${fhir}/${type}`);
  for (const [k, v] of params) u.searchParams.append(k, v);
  return u.href;
}

/** The resources of a search and the outcome entries of the sources that failed. */
async function search(type, params, label, failures) {
  const { entries, error } = await searchAll(url(type, params));
  if (error) failures.add(`${label}: ${t('failed')} (${error})`);
  for (const e of entries) {
    if (e.resource?.resourceType === 'OperationOutcome') {
      for (const issue of e.resource.issue ?? []) failures.add(`${label}: ${issue.diagnostics ?? issue.code}`);
    }
  }
  return entries.map((e) => e.resource).filter((r) => r && r.resourceType === type);
}

/** Whether an Observation is of a vital sign (by its LOINC code). */
function isOf(o, vital) {
  return (o.code?.coding ?? []).some((c) => c.system === LOINC && c.code === vital.code);
}

/**
 * One federated search for all vital signs, then the plan, the medications and the documents, one after the
 * other: each question goes to every organisation, and a burst of them would cost the slowest their deadlines.
 */
async function load() {
  const fnr = session.patient;
  const days = Number($('period').value);
  const from = new Date(Date.now() - days * 86400000);
  const failures = new Set();
  const patient = ['patient.identifier', patientParam(fnr)];
  const observations = await search('Observation', [patient,
    ['code', VITALS.map((v) => `${LOINC}|${v.code}`).join(',')], ['date', `ge${from.toISOString().slice(0, 10)}`],
    ['_sort', '-date'], ['_count', '500']], t('charts'), failures);
  const vitals = VITALS.map((v) => observations.filter((o) => isOf(o, v)));
  const plans = await search('CarePlan', [patient], t('plan'), failures);
  const medications = await search('MedicationStatement', [patient], t('medication'), failures);
  const documents = await search('DocumentReference', [patient], t('documents'), failures);
  state = { vitals, plans, medications, documents, failures: [...failures], from, to: new Date() };
  draw();
}

function draw() {
  if (!state) return;
  drawUnanswered(state.failures);
  drawLatest(state.vitals);
  drawCharts(state.vitals, state.from, state.to);
  drawList($('plan'), state.plans, (p) => [p.title, p.description, ...(p.activity ?? []).map((a) => a.detail?.description)]
    .filter(Boolean).join(' – '));
  drawList($('medication'), state.medications, (m) => [m.medicationCodeableConcept?.text
    ?? m.medicationCodeableConcept?.coding?.[0]?.display, (m.dosage ?? []).map((d) => d.text).filter(Boolean).join(', ')]
    .filter(Boolean).join(': '));
  drawDocuments(state.documents);
}

function drawUnanswered(failures) {
  const list = $('unanswered');
  list.replaceChildren(...(failures.length ? failures.map((f) => el('li', f)) : [el('li', t('unanswered.none'), { class: 'ok' })]));
}

function effective(o) {
  return o.effectiveDateTime ?? o.effectivePeriod?.start ?? o.issued;
}

function valueOf(o, vital) {
  if (vital.components) {
    const parts = vital.components.map((c) => o.component?.find((x) => x.code?.coding?.some((k) => k.code === c.code))?.valueQuantity?.value);
    return parts.every((p) => p !== undefined) ? `${parts.join('/')} ${vital.unit}` : '';
  }
  return o.valueQuantity ? `${o.valueQuantity.value} ${o.valueQuantity.unit ?? vital.unit}` : '';
}

function drawLatest(vitals) {
  const body = $('latest').tBodies[0];
  body.replaceChildren(...VITALS.map((v, i) => {
    const latest = [...vitals[i]].sort((a, b) => new Date(effective(b)) - new Date(effective(a)))[0];
    const tr = latest ? row([t(v.key), valueOf(latest, v), formatTime(effective(latest)), sourceOf(latest)])
      : row([t(v.key), t('noValues'), '', '']);
    tr.id = `latest-${v.key}`;
    return tr;
  }));
}

/** One series per organisation (and component): colour and point style tell the organisations apart. */
function seriesOf(observations, vital) {
  const bySource = new Map();
  for (const o of observations) {
    const source = sourceOf(o);
    if (!bySource.has(source)) bySource.set(source, []);
    bySource.get(source).push(o);
  }
  const parts = vital.components ?? [{ key: null, code: null }];
  const datasets = [];
  [...bySource.keys()].sort().forEach((source, s) => {
    parts.forEach((part, p) => {
      const points = bySource.get(source).map((o) => {
        const q = part.code ? o.component?.find((x) => x.code?.coding?.some((k) => k.code === part.code))?.valueQuantity
          : o.valueQuantity;
        return q && effective(o) ? { x: new Date(effective(o)).getTime(), y: q.value } : null;
      }).filter(Boolean).sort((a, b) => a.x - b.x);
      datasets.push({
        label: part.key ? `${source} – ${t(part.key)}` : source, data: points, showLine: true,
        borderColor: COLOURS[s % COLOURS.length], backgroundColor: COLOURS[s % COLOURS.length],
        // The first organisation's points filled, the others' as larger open marks: points at the same time and
        // value (two organisations measuring alike) stay visible as a mark inside a mark.
        pointStyle: POINTS[s % POINTS.length], pointRadius: 4 + 3 * s, borderWidth: 2,
        pointBackgroundColor: s === 0 ? COLOURS[0] : 'rgba(0,0,0,0)', borderDash: p === 1 ? [6, 4] : [],
      });
    });
  });
  return { datasets, sources: [...bySource.entries()].map(([s, list]) => `${s}: ${list.length}`) };
}

/** The reference range as a band: the Observation's own where it has one, else the default; `part` names a component. */
function referenceBands(vital, observations, from, to, part = null) {
  const own = observations.map((o) => (part
    ? o.component?.find((x) => x.code?.coding?.some((k) => k.code === vital.code))?.referenceRange?.[0]
    : o.referenceRange?.[0])).find((r) => r?.low || r?.high);
  const range = own ? [own.low?.value, own.high?.value] : vital.range;
  if (!range) return [];
  const label = `${t(own ? 'reference' : 'reference.default')}${part ? ` (${t(part)})` : ''}`;
  const edge = (y) => [{ x: from.getTime(), y }, { x: to.getTime(), y }];
  return [
    { label, data: edge(range[1]), showLine: true, pointRadius: 0, borderWidth: 0, backgroundColor: 'rgba(46,125,50,0.12)', fill: '+1' },
    // The lower edge: the band's other side, not a series of its own in the legend (label ends in a space).
    { label: `${label} `, data: edge(range[0]), showLine: true, pointRadius: 0, borderWidth: 0 },
  ];
}

const charts = new Map();

function drawCharts(vitals, from, to) {
  const container = $('charts');
  charts.forEach((c) => c.destroy());
  charts.clear();
  container.replaceChildren();
  VITALS.forEach((v, i) => {
    const figure = el('figure', undefined, { id: `figure-${v.key}` });
    const { datasets, sources } = seriesOf(vitals[i], v);
    const caption = el('figcaption', `${t(v.key)} (${v.unit}) – ${sources.length ? sources.join(', ') : t('noValues')}`);
    caption.id = `caption-${v.key}`;
    const holder = el('div', undefined, { class: 'chart' });
    const canvas = el('canvas', undefined, { id: `chart-${v.key}`, role: 'img', 'aria-labelledby': caption.id });
    holder.append(canvas);
    figure.append(caption, holder);
    container.append(figure);
    // Blood pressure: a band per component (systolic, diastolic).
    const bands = v.components ? v.components.flatMap((c) => referenceBands(c, vitals[i], from, to, c.key))
      : referenceBands(v, vitals[i], from, to);
    charts.set(v.key, new window.Chart(canvas, {
      type: 'scatter',
      data: { datasets: [...datasets, ...bands] },
      options: {
        animation: false, maintainAspectRatio: false,
        scales: {
          x: { type: 'linear', min: from.getTime(), max: to.getTime(), ticks: { maxTicksLimit: 6, callback: (value) => formatDate(value) } },
          y: { title: { display: true, text: v.unit } },
        },
        plugins: {
          legend: { labels: { filter: (item) => !item.text.endsWith(' ') } },
          tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${c.parsed.y} ${v.unit} (${formatTime(c.parsed.x)})` } },
        },
      },
    }));
  });
}

function drawList(list, resources, text) {
  list.replaceChildren(...(resources.length ? resources.map((r) => el('li', `${text(r)} (${sourceOf(r)})`)) : [el('li', t('none'))]));
}

function drawDocuments(documents) {
  const body = $('documents').tBodies[0];
  const sorted = [...documents].sort((a, b) => new Date(b.date ?? 0) - new Date(a.date ?? 0));
  body.replaceChildren(...sorted.map((d) => {
    const attachment = d.content?.[0]?.attachment ?? {};
    const title = d.description ?? attachment.title ?? d.id;
    const button = el('button', t('open'), { type: 'button', class: 'open-document' });
    button.setAttribute('aria-label', `${t('open')}: ${title}`);
    button.addEventListener('click', () => openDocument(title, attachment));
    const type = d.type?.coding?.[0]?.display ?? d.type?.coding?.[0]?.code ?? '';
    return row([formatDate(d.date), title, type, sourceOf(d), button]);
  }));
}

/** Fetched with the user's token; text shown in the page, anything else opened by the browser from memory. */
async function openDocument(title, attachment) {
  showError('');
  try {
    let type = attachment.contentType ?? 'application/octet-stream';
    // ITI-68 answers the document itself; should a FHIR Binary come instead, its data is the document.
    const response = await get(attachment.url, '*/*');
    let blob = await response.blob();
    if ((response.headers.get('Content-Type') ?? '').includes('fhir+json')) {
      const binary = JSON.parse(await blob.text());
      type = binary.contentType ?? type;
      blob = new Blob([Uint8Array.from(atob(binary.data ?? ''), (c) => c.charCodeAt(0))], { type });
    }
    if (/^text\/|[+/]xml$|[+/]json$/.test(type)) {
      $('viewer-heading').textContent = `${t('document')}: ${title}`;
      $('document-content').textContent = await blob.text();
      $('viewer').hidden = false;
      $('viewer').focus();
    } else {
      const link = URL.createObjectURL(new Blob([blob], { type }));
      window.open(link, '_blank', 'noopener');
      setTimeout(() => URL.revokeObjectURL(link), 60000);
    }
  } catch (e) {
    showError(`${t('document')}: ${e.message}`);
  }
}

async function main() {
  $('viewer-close').addEventListener('click', () => { $('viewer').hidden = true; });
  $('period').addEventListener('change', () => load());
  const opened = await openPage(draw, (login) => $('login-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const patient = $('patient').value.trim();
    if (!/^\d{11}$/.test(patient)) {
      showError(t('patient.invalid'));
      $('patient').focus();
      return;
    }
    login('nhn:dho-index/read', new URL('./', location.href).href, { patient, purpose: $('purpose').value });
  }));
  if (!opened?.logged) return;
  config = opened.config;
  const { logged } = opened;
  const attestation = (logged.claims.authorization_details ?? [])[0] ?? {};
  session = {
    patient: attestation.patients?.[0]?.identifier?.id,
    name: attestation.practitioner?.identifier?.name ?? logged.claims.sub,
    purpose: attestation.care_relation?.purpose_of_use?.code,
  };
  $('start').hidden = true;
  $('overview').hidden = false;
  $('who').textContent = `${t('loggedInAs')} ${session.name} (${session.purpose}), ${t('forPatient')} ${session.patient}`;
  $('who').dataset.patient = session.patient;
  await load();
  document.body.dataset.loaded = 'true';
}

main();

// The workbench page of `regiomap serve` (docs/API.md): a planner moves municipalities between the
// regions of one division and sees after every move what the server's what-if says. The moves live
// only here; every request carries all of them, and they leave the page only through an export.
// Plain ES module, no bundler; MapLibre comes as the classic script /static/maplibre/maplibre-gl.js.

// ---------------------------------------------------------------------------------------------
// Every word the page shows, in both languages. {name} marks a value filled in by t().
const STRINGS = {
  nl: {
    title: 'Regiomap werkbank',
    editLayer: 'Indeling bewerken',
    outlineLayer: 'Grenzen tonen van',
    noOutline: '(geen)',
    langSwitch: 'English',
    langSwitchLabel: 'Switch to English',
    close: 'Sluiten',
    municipality: 'Gemeente',
    search: 'Zoek een gemeente (naam of code)',
    show: 'Toon',
    clickHint: 'Of klik op de kaart op een gemeente.',
    noSelection: 'Nog geen gemeente gekozen.',
    moveTo: 'Verplaatsen naar',
    allowFar: "ook niet-aangrenzende regio's",
    chooseFirst: 'Kies eerst een gemeente.',
    noTargets: 'Geen aangrenzende regio: vink "ook niet-aangrenzende regio\'s" aan om toch te verplaatsen.',
    noRegionInLayer: 'Deze gemeente hoort in deze indeling bij geen regio.',
    targetToday: 'vandaag',
    targetNotAdjacent: 'grenst niet',
    moveTargetLabel: '{municipality} naar {region} verplaatsen',
    mapLabel: 'Kaart van de gemeenten, gekleurd naar regio',
    proposalMapLabel: 'Kaart van het voorstel',
    legend: 'Legenda',
    legendFill: 'kleur: regio in {layer}',
    legendFillPlain: 'kleur: regio in de bewerkte indeling',
    legendMunicipal: 'gemeentegrens',
    legendOutline: 'grens van {layer}',
    legendOutlinePlain: 'grens van de tweede indeling',
    legendMoved: 'verplaatste gemeente',
    legendSelected: 'gekozen gemeente',
    legendChanged: 'wisselt van regio in het voorstel',
    legendRegions: "Regio's",
    legendNoRegion: 'geen regio',
    mapCaption: 'Vandaag + verplaatsingen · {layer}',
    proposalCaption: 'Voorstel · {file}',
    moves: 'Verplaatsingen',
    undo: 'Ongedaan maken',
    redo: 'Opnieuw',
    noMoves: 'Nog niets verplaatst: de scores zijn die van vandaag.',
    moveItem: '{municipality}: {from} → {to}',
    scores: 'Scores',
    meanC: 'Gemiddelde C (alle gemeenten)',
    selectedC: 'C van de gekozen gemeente',
    selectedCOf: 'C van {name}',
    moveCount: 'Aantal verplaatsingen',
    rescored: 'Gemeenten met een andere C',
    touchedRegions: "Inwoners van de geraakte regio's",
    ari: 'Overeenkomst met de andere indelingen (ARI)',
    ariNone: 'Verschijnt na een verplaatsing.',
    ariPair: '{layer} ↔ {other}',
    warnings: 'Waarschuwingen',
    none: 'geen',
    computing: 'wordt berekend…',
    stale: 'niet bijgewerkt: de laatste berekening gaf een fout',
    region: 'Regio',
    population: 'Inwoners',
    municipalitiesShort: 'gem.',
    before: 'vandaag',
    after: 'na',
    unknown: 'onbekend',
    warnDoesNotTouch: '{municipality} grenst aan geen enkele gemeente van {region} ({layer}): die regio wordt geen aaneengesloten gebied.',
    warnLeavesApart: 'Door {municipality} te verplaatsen valt {region} ({layer}) uiteen in {count} delen: {parts}.',
    warnNotScored: '{layer} telt niet mee in de scores ({scored}): het verplaatsen van {municipality} verandert geen score.',
    warnOther: 'Waarschuwing van de server: {text}',
    export: 'Exporteren (bewerkte indeling)',
    exportManifest: 'Manifest-fragment',
    exported: '{file} is gedownload.',
    compare: 'Voorstel vergelijken met vandaag',
    proposalFile: 'Lidmaatschapstabel (CSV van regiomap propose)',
    chooseFile: 'CSV kiezen…',
    closeProposal: 'Vergelijking sluiten',
    proposalChanged: '{changed} van de {total} gemeenten wisselen van regio in {layer}.',
    proposalRegions: "Het voorstel heeft {proposed} regio's, {layer} vandaag {today}.",
    proposalMissing: '{count} gemeenten staan niet in het bestand: {names}.',
    proposalUnknown: '{count} regels noemen geen bekende gemeente: {values}.',
    proposalChangeList: 'Wie wisselt',
    proposalChange: '{municipality}: {from} → {to}',
    proposalNewRegion: 'nieuwe regio {code}',
    proposalNoColumns: 'Het bestand {file} heeft geen kolom municipality_code en region_code (of region): gevonden {columns}.',
    proposalEmpty: 'Het bestand {file} bevat geen regels.',
    proposalLoaded: 'Voorstel {file} geladen.',
    propose: 'Voorstel laten zoeken',
    proposeHint: "Een indeling in aaneengesloten regio's die zo goed mogelijk samenvalt met de gewogen indelingen, zoals regiomap propose.",
    proposeMode: 'Vertrekpunt',
    proposeScratch: 'vanaf nul',
    proposeMinimal: '{layer} van vandaag, weinig wijzigingen',
    proposeRegions: "Aantal regio's",
    proposeMaxMoves: 'Maximaal aantal gemeenten dat wisselt',
    proposeBounds: 'Inwoners per regio (× gemiddelde)',
    proposeLower: 'ondergrens',
    proposeUpper: 'bovengrens',
    proposeWeights: 'Gewicht per indeling',
    proposeWeightOf: 'gewicht van {layer}',
    proposeDepth: 'Zoektijd',
    proposeQuick: 'kort (< 1 s)',
    proposeThorough: 'grondig (± 2–5 s)',
    proposeKeepProvince: "regio's blijven binnen een provincie",
    proposeStart: 'Zoeken',
    proposeStop: 'Stoppen',
    proposeNotNumber: '{field}: "{value}" is geen getal.',
    proposeNotWhole: '{field}: {value} is geen geheel getal van {low} tot {high}.',
    proposeNoWeight: 'Geef minstens één indeling een gewicht boven 0.',
    proposeStep: 'Stap {step} van {steps}: {stage}',
    proposeBest: 'overeenstemming van het huidige beste voorstel {quality}',
    proposeElapsed: '{seconds} s',
    proposeDone: "Gevonden in {seconds} s: {regions} regio's, gemiddelde ARI {ari}.",
    proposeStopped: 'Het zoeken is gestopt; er is geen voorstel.',
    proposeFailed: 'Het zoeken is mislukt: {message}',
    proposeRefused: 'Geen voorstel: {message}',
    proposeCutOff: 'het antwoord hield op voor het voorstel kwam',
    stage_starting: 'begonnen',
    stage_blocks: 'eerste indelingen gemaakt',
    stage_polish: 'per gemeente verfijnd',
    stage_reheat: 'opnieuw gezocht rond het beste voorstel',
    stage_merge_split: "regio's samengevoegd en anders gesplitst",
    stage_curve: 'één gemeente meer laten wisselen',
    proposalFromScratch: "regiomap propose, {regions} regio's (seed {seed})",
    proposalFromLayer: 'regiomap propose vanaf {layer}, hoogstens {moves} wisselende gemeenten',
    proposalAri: 'Overeenstemming met de gewogen indelingen (gemiddelde ARI, 1 = gelijk): {ari} ({each}).',
    proposalPopulation: 'Inwoners per regio: {smallest} tot {largest}, gemiddeld {mean}.',
    proposalOutsideBounds: "Niet alle regio's blijven binnen de inwonergrenzen.",
    proposalCompactness: 'Compactheid (Polsby-Popper, gemiddeld): {value}.',
    proposalCurve: 'Met {moves} wisselende gemeenten: overeenstemming {quality}.',
    proposalExport: 'Voorstel als CSV',
    profileToday: 'Profiel van vandaag',
    profilePopulation: '{population} inwoners op {date}',
    profileNoPopulation: 'geen inwonertal voor dit jaar',
    regionPerLayer: 'Regio per indeling',
    layer: 'Indeling',
    movedFrom: 'verplaatst, was {region}',
    profileFacts: 'Bronnen en grondslag',
    profileLoading: 'Profiel wordt geladen…',
    scoreC: 'C (congruentie)',
    scoreT: 'T (tafels)',
    scoreP: 'P (partijen)',
    scoreU: 'U (partners aan een tafel)',
    scoreI: 'I (partners aan alle tafels)',
    scoreCPop: 'C naar inwoners',
    scoreMismatch: 'verzekeraar-mismatch',
    scoreDefault: 'rust op een niet gepubliceerd lidmaatschap',
    yes: 'ja',
    no: 'nee',
    fact_largest_insurer: 'grootste verzekeraar',
    fact_zorgkantoor_region: 'zorgkantoorregio',
    fact_zorgkantoor_insurer: 'zorgkantoor',
    fact_youth_care_region: 'jeugdregio',
    fact_GGD_region: 'GGD-regio',
    fact_work_structure_region: 'regio werkstructuur',
    fact_work_structure_lead: 'trekker werkstructuur',
    apiError: 'Fout van de server bij {path} ({status}): {message}',
    networkError: 'De server is niet bereikbaar ({path}): {message}',
    loadError: 'De werkbank kon niet laden. {message}',
    tokenHint: 'Open de pagina als /?token=TOKEN, met de token die regiomap serve --token kreeg.',
    mapError: 'De kaart kan niet getekend worden (WebGL ontbreekt?): {message}',
    notFound: 'Geen gemeente gevonden voor "{query}".',
    storeInfo: 'jaar {year} · inwoners {date}',
    storeInfoNoPopulation: 'jaar {year} · geen inwonertallen',
  },
  en: {
    title: 'Regiomap workbench',
    editLayer: 'Division to edit',
    outlineLayer: 'Show borders of',
    noOutline: '(none)',
    langSwitch: 'Nederlands',
    langSwitchLabel: 'Schakel naar Nederlands',
    close: 'Close',
    municipality: 'Municipality',
    search: 'Find a municipality (name or code)',
    show: 'Show',
    clickHint: 'Or click a municipality on the map.',
    noSelection: 'No municipality chosen yet.',
    moveTo: 'Move to',
    allowFar: 'also non-adjacent regions',
    chooseFirst: 'Choose a municipality first.',
    noTargets: 'No adjacent region: tick "also non-adjacent regions" to move it anyway.',
    noRegionInLayer: 'This municipality belongs to no region in this division.',
    targetToday: 'today',
    targetNotAdjacent: 'not adjacent',
    moveTargetLabel: 'Move {municipality} to {region}',
    mapLabel: 'Map of the municipalities, coloured by region',
    proposalMapLabel: 'Map of the proposal',
    legend: 'Legend',
    legendFill: 'colour: region in {layer}',
    legendFillPlain: 'colour: region in the edited division',
    legendMunicipal: 'municipal border',
    legendOutline: 'border of {layer}',
    legendOutlinePlain: 'border of the second division',
    legendMoved: 'moved municipality',
    legendSelected: 'chosen municipality',
    legendChanged: 'changes region in the proposal',
    legendRegions: 'Regions',
    legendNoRegion: 'no region',
    mapCaption: 'Today + moves · {layer}',
    proposalCaption: 'Proposal · {file}',
    moves: 'Moves',
    undo: 'Undo',
    redo: 'Redo',
    noMoves: "Nothing moved yet: these are today's scores.",
    moveItem: '{municipality}: {from} → {to}',
    scores: 'Scores',
    meanC: 'Mean C (all municipalities)',
    selectedC: 'C of the chosen municipality',
    selectedCOf: 'C of {name}',
    moveCount: 'Number of moves',
    rescored: 'Municipalities whose C changes',
    touchedRegions: 'Population of the regions touched',
    ari: 'Agreement with the other divisions (ARI)',
    ariNone: 'Appears after a move.',
    ariPair: '{layer} ↔ {other}',
    warnings: 'Warnings',
    none: 'none',
    computing: 'computing…',
    stale: 'not updated: the last computation failed',
    region: 'Region',
    population: 'Population',
    municipalitiesShort: 'mun.',
    before: 'today',
    after: 'after',
    unknown: 'unknown',
    warnDoesNotTouch: '{municipality} borders no municipality of {region} ({layer}): that region would not be one area.',
    warnLeavesApart: 'Moving {municipality} splits {region} ({layer}) into {count} parts: {parts}.',
    warnNotScored: '{layer} is not among the scored layers ({scored}): moving {municipality} changes no score.',
    warnOther: 'Warning from the server: {text}',
    export: 'Export (edited division)',
    exportManifest: 'Manifest snippet',
    exported: '{file} was downloaded.',
    compare: 'Compare a proposal with today',
    proposalFile: 'Membership table (CSV from regiomap propose)',
    chooseFile: 'Choose CSV…',
    closeProposal: 'Close comparison',
    proposalChanged: '{changed} of the {total} municipalities change region in {layer}.',
    proposalRegions: 'The proposal has {proposed} regions, {layer} today {today}.',
    proposalMissing: '{count} municipalities are not in the file: {names}.',
    proposalUnknown: '{count} rows name no known municipality: {values}.',
    proposalChangeList: 'Who changes',
    proposalChange: '{municipality}: {from} → {to}',
    proposalNewRegion: 'new region {code}',
    proposalNoColumns: 'The file {file} has no column municipality_code and region_code (or region): found {columns}.',
    proposalEmpty: 'The file {file} has no rows.',
    proposalLoaded: 'Proposal {file} loaded.',
    propose: 'Search a proposal',
    proposeHint: 'A division into connected regions that agrees as well as it can with the weighted divisions, as regiomap propose makes it.',
    proposeMode: 'Start from',
    proposeScratch: 'scratch',
    proposeMinimal: "today's {layer}, few changes",
    proposeRegions: 'Number of regions',
    proposeMaxMoves: 'Most municipalities changing region',
    proposeBounds: 'Population per region (× mean)',
    proposeLower: 'lower bound',
    proposeUpper: 'upper bound',
    proposeWeights: 'Weight per division',
    proposeWeightOf: 'weight of {layer}',
    proposeDepth: 'Search time',
    proposeQuick: 'short (< 1 s)',
    proposeThorough: 'thorough (~2–5 s)',
    proposeKeepProvince: 'regions stay within a province',
    proposeStart: 'Search',
    proposeStop: 'Stop',
    proposeNotNumber: '{field}: "{value}" is not a number.',
    proposeNotWhole: '{field}: {value} is not a whole number from {low} to {high}.',
    proposeNoWeight: 'Give at least one division a weight above 0.',
    proposeStep: 'Step {step} of {steps}: {stage}',
    proposeBest: 'agreement of the current best {quality}',
    proposeElapsed: '{seconds} s',
    proposeDone: 'Found in {seconds} s: {regions} regions, mean ARI {ari}.',
    proposeStopped: 'The search was stopped; there is no proposal.',
    proposeFailed: 'The search failed: {message}',
    proposeRefused: 'No proposal: {message}',
    proposeCutOff: 'the answer ended before the proposal came',
    stage_starting: 'started',
    stage_blocks: 'first layouts made',
    stage_polish: 'polished on single municipalities',
    stage_reheat: 'searched again around the best layout',
    stage_merge_split: 'regions merged and split differently',
    stage_curve: 'one more municipality allowed to change',
    proposalFromScratch: 'regiomap propose, {regions} regions (seed {seed})',
    proposalFromLayer: 'regiomap propose from {layer}, at most {moves} municipalities changing',
    proposalAri: 'Agreement with the weighted divisions (mean ARI, 1 = the same): {ari} ({each}).',
    proposalPopulation: 'Population per region: {smallest} to {largest}, mean {mean}.',
    proposalOutsideBounds: 'Not every region stays within the population bounds.',
    proposalCompactness: 'Compactness (Polsby-Popper, mean): {value}.',
    proposalCurve: 'With {moves} municipalities changing: agreement {quality}.',
    proposalExport: 'Proposal as CSV',
    profileToday: "Today's profile",
    profilePopulation: 'population {population} on {date}',
    profileNoPopulation: 'no population figures for this year',
    regionPerLayer: 'Region per division',
    layer: 'Division',
    movedFrom: 'moved, was {region}',
    profileFacts: 'Sources and basis',
    profileLoading: 'Loading profile…',
    scoreC: 'C (congruence)',
    scoreT: 'T (tables)',
    scoreP: 'P (parties)',
    scoreU: 'U (partners at any table)',
    scoreI: 'I (partners at every table)',
    scoreCPop: 'population-weighted C',
    scoreMismatch: 'insurer mismatch',
    scoreDefault: 'rests on an unpublished membership',
    yes: 'yes',
    no: 'no',
    fact_largest_insurer: 'largest insurer',
    fact_zorgkantoor_region: 'zorgkantoor region',
    fact_zorgkantoor_insurer: 'zorgkantoor insurer',
    fact_youth_care_region: 'youth-care region',
    fact_GGD_region: 'GGD region',
    fact_work_structure_region: 'work-structure region',
    fact_work_structure_lead: 'work-structure lead',
    apiError: 'Server error at {path} ({status}): {message}',
    networkError: 'The server cannot be reached ({path}): {message}',
    loadError: 'The workbench could not load. {message}',
    tokenHint: 'Open the page as /?token=TOKEN, with the token given to regiomap serve --token.',
    mapError: 'The map cannot be drawn (no WebGL?): {message}',
    notFound: 'No municipality found for "{query}".',
    storeInfo: 'year {year} · population {date}',
    storeInfoNoPopulation: 'year {year} · no population figures',
  },
};

// Paul Tol's colour-blind-safe "light" scheme without its grey (grey reads as "no region"), and
// the lighter colours of his "muted" one and of his purple-green scheme: fills light enough that
// the dark outlines of the second division stay readable on top of them.
const PALETTE = ['#77AADD', '#EE8866', '#EEDD88', '#44BB99', '#FFAABB', '#BBCC33', '#99DDFF', '#AAAA00',
                 '#CC6677', '#DDCC77', '#C2A5CF', '#88CCEE'];
const NO_REGION_COLOUR = '#f4f4f4';
const DEFAULT_EDIT_LAYER = 'jeugdregio';
const DEFAULT_OUTLINE_LAYER = 'ggd';

const state = {
  lang: 'nl',
  token: null,
  info: null,
  municipalities: null,        // the GeoJSON FeatureCollection of /api/municipalities
  byCode: new Map(),           // municipality code -> its feature's properties
  neighbours: new Map(),       // municipality code -> Set of codes of its neighbours (from the server)
  regions: new Map(),          // layer -> Map region code -> {code, name, population, municipalities}
  regionsGeoJson: new Map(),   // layer -> FeatureCollection of /api/regions/{layer}
  editLayer: null,
  outlineLayer: null,
  colours: new Map(),          // region code of the edited layer -> fill colour
  history: [[]],               // every list of moves the planner had, for undo and redo
  historyIndex: 0,
  selected: null,              // code of the chosen municipality
  profile: null,               // {code, data} of the last profile answer
  profileFactsOpen: false,      // the planner's choice, kept across re-renders
  whatIf: null,                // the last what-if answer and the moves it answered
  message: null,               // what the message bar says: {words(), kind}
  whatIfStatus: 'idle',        // idle | pending | failed
  whatIfSequence: 0,
  whatIfController: null,
  whatIfSettled: Promise.resolve(),
  scoresRenderMs: null,
  proposal: null,              // the compared proposal, see loadProposal and showFoundProposal
  search: null,                // the proposal search running or last run, see startSearch
  map: null,
  proposalMap: null,
};

// ---------------------------------------------------------------------------------------------
// Words

function t(key, values = {}) {
  const text = STRINGS[state.lang][key] ?? STRINGS.nl[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

function locale() {
  return state.lang === 'nl' ? 'nl-NL' : 'en-GB';
}

function formatNumber(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return t('unknown');
  return new Intl.NumberFormat(locale(), {minimumFractionDigits: digits, maximumFractionDigits: digits})
    .format(Number(value));
}

function formatScore(value) {
  return typeof value === 'number' ? formatNumber(value, 3) : t('unknown');
}

function applyStaticStrings() {
  document.documentElement.lang = state.lang;
  document.title = t('title');
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of document.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of element.dataset.i18nAttr.split(';')) {
      const [attribute, key] = pair.split(':');
      element.setAttribute(attribute, t(key));
    }
  }
  const lang = document.getElementById('lang');
  lang.textContent = t('langSwitch');
  lang.setAttribute('aria-label', t('langSwitchLabel'));
  lang.lang = state.lang === 'nl' ? 'en' : 'nl';
}

function setLanguage(lang) {
  state.lang = lang === 'en' ? 'en' : 'nl';
  try { localStorage.setItem('regiomap.lang', state.lang); } catch { /* private mode: the choice is not kept */ }
  applyStaticStrings();
  renderAll();
  rewordMessage();
}

// Builds an element: el('td', {class: 'x'}, 'text', child).
function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

// ---------------------------------------------------------------------------------------------
// Messages: every error of the API is shown, none is swallowed.

class ApiError extends Error {
  constructor(message, status, path) {
    super(message);
    this.status = status;
    this.path = path;
  }
}

// `words` is a function giving the text in the current language, so a switch re-words the bar.
function showMessage(words, kind = 'error') {
  const bar = document.getElementById('message');
  state.message = {words: typeof words === 'function' ? words : () => String(words), kind};
  document.getElementById('message-text').textContent = state.message.words();
  bar.dataset.kind = kind;
  bar.hidden = false;
  clearTimeout(showMessage.timer);
  // Errors stay until closed; notes go by themselves.
  if (kind !== 'error') showMessage.timer = setTimeout(() => { bar.hidden = true; }, 6000);
}

function rewordMessage() {
  if (state.message && !document.getElementById('message').hidden) {
    document.getElementById('message-text').textContent = state.message.words();
  }
}

function errorText(error) {
  if (!(error instanceof ApiError)) return String(error && error.message ? error.message : error);
  if (!error.status) return t('networkError', {path: error.path, message: error.message});
  const text = t('apiError', {path: error.path, status: error.status, message: error.message});
  return error.status === 401 ? `${text} ${t('tokenHint')}` : text;
}

function showError(error) {
  showMessage(() => errorText(error));
  console.error(error);
}

// ---------------------------------------------------------------------------------------------
// The API

async function api(path, {method = 'GET', body, raw = false, signal} = {}) {
  const headers = {Accept: 'application/json'};
  if (state.token) headers.Authorization = `Bearer ${state.token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, {method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body)});
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(error.message, 0, path);
  }
  if (!response.ok) {
    let message = `${response.status} ${response.statusText}`;
    try {
      const answer = await response.json();
      if (answer && answer.error) message = answer.error;
    } catch { /* not JSON: the status says it */ }
    throw new ApiError(message, response.status, path);
  }
  if (raw) return response;
  try {
    return await response.json();
  } catch (error) {
    throw new ApiError(`not JSON: ${error.message}`, response.status, path);
  }
}

async function ensureRegions(layer) {
  if (!layer || state.regions.has(layer)) return;
  const collection = await api(`/api/regions/${encodeURIComponent(layer)}`);
  const regions = new Map();
  for (const feature of collection.features || []) {
    const p = feature.properties || {};
    regions.set(p.code, {code: p.code, name: p.name, population: p.population, municipalities: p.municipalities});
  }
  state.regionsGeoJson.set(layer, collection);
  state.regions.set(layer, regions);
}

// ---------------------------------------------------------------------------------------------
// Municipalities, their neighbours and their regions

function layerTitle(layer) {
  const found = state.info?.layers?.find((l) => l.id === layer);
  return found?.title || layer;
}

function municipalityName(code) {
  return state.byCode.get(code)?.name || code;
}

function regionToday(code, layer) {
  return state.byCode.get(code)?.[`region_${layer}`] ?? null;
}

function currentMoves() {
  return state.history[state.historyIndex];
}

function regionNow(code, layer) {
  const move = currentMoves().find((m) => m.municipality === code && m.layer === layer);
  return move ? move.region : regionToday(code, layer);
}

function regionLabel(layer, code) {
  if (!code) return t('legendNoRegion');
  const region = state.regions.get(layer)?.get(code);
  return region?.name ? `${code} ${region.name}` : code;
}

function forEachRing(geometry, visit) {
  if (!geometry) return;
  if (geometry.type === 'Polygon') geometry.coordinates.forEach(visit);
  else if (geometry.type === 'MultiPolygon') geometry.coordinates.forEach((polygon) => polygon.forEach(visit));
  else if (geometry.type === 'GeometryCollection') geometry.geometries.forEach((g) => forEachRing(g, visit));
}

// Greedy colouring of the regions on their adjacency (two regions touch when any of their
// municipalities do), most-connected region first, each taking the least-used colour none of its
// coloured neighbours has; `preferred` (region -> colour) is kept where no neighbour has it yet.
function colourRegions(regionOf, preferred = new Map()) {
  const adjacency = new Map();
  for (const [code, region] of regionOf) {
    if (!region) continue;
    if (!adjacency.has(region)) adjacency.set(region, new Set());
    for (const neighbour of state.neighbours.get(code) || []) {
      const other = regionOf.get(neighbour);
      if (other && other !== region) adjacency.get(region).add(other);
    }
  }
  const order = [...adjacency.keys()].sort((a, b) => adjacency.get(b).size - adjacency.get(a).size || a.localeCompare(b));
  const colours = new Map();
  const uses = new Map(PALETTE.map((colour) => [colour, 0]));
  for (const region of order) {
    const taken = new Set([...adjacency.get(region)].map((other) => colours.get(other)).filter(Boolean));
    const wish = preferred.get(region);
    let colour = wish && !taken.has(wish) ? wish : null;
    if (!colour) {
      const free = PALETTE.filter((c) => !taken.has(c));
      const pool = free.length ? free : PALETTE;
      colour = pool.reduce((best, c) => (uses.get(c) < uses.get(best) ? c : best), pool[0]);
    }
    colours.set(region, colour);
    uses.set(colour, (uses.get(colour) || 0) + 1);
  }
  return colours;
}

function computeEditColours() {
  const regionOf = new Map();
  for (const code of state.byCode.keys()) regionOf.set(code, regionToday(code, state.editLayer));
  state.colours = colourRegions(regionOf);
}

function colourOf(region) {
  return region ? state.colours.get(region) || '#bbbbbb' : NO_REGION_COLOUR;
}

// ---------------------------------------------------------------------------------------------
// The map

// A diagonal hatch drawn once, for moved municipalities (and in the proposal: those that change).
function hatchImage() {
  const size = 8;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; ++y) {
    for (let x = 0; x < size; ++x) {
      const onLine = (x + y) % size < 2;
      const i = (y * size + x) * 4;
      data.set(onLine ? [20, 20, 20, 150] : [0, 0, 0, 0], i);
    }
  }
  return {width: size, height: size, data};
}

function createMap(container, withOutline) {
  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: {},
      layers: [{id: 'background', type: 'background', paint: {'background-color': '#dfe6ec'}}],
    },
    bounds: dataBounds(),
    fitBoundsOptions: {padding: 20},
    attributionControl: false,
    dragRotate: false,
    pitchWithRotate: false,
    maxZoom: 14,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new maplibregl.NavigationControl({showCompass: false}), 'top-right');
  const loaded = new Promise((resolve) => map.on('load', resolve));
  loaded.then(() => {
    map.addImage('hatch', hatchImage(), {pixelRatio: 1});
    map.addSource('municipalities', {type: 'geojson', data: state.municipalities, promoteId: 'code'});
    map.addLayer({id: 'municipality-fill', type: 'fill', source: 'municipalities',
      paint: {'fill-color': ['to-color', ['coalesce', ['feature-state', 'fill'], NO_REGION_COLOUR]], 'fill-opacity': 0.9}});
    map.addLayer({id: 'municipality-hatch', type: 'fill', source: 'municipalities',
      filter: ['in', ['get', 'code'], ['literal', []]], paint: {'fill-pattern': 'hatch'}});
    map.addLayer({id: 'municipality-border', type: 'line', source: 'municipalities',
      paint: {'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 0.4, 10, 1.2]}});
    if (withOutline) {
      map.addSource('outline', {type: 'geojson', data: emptyCollection()});
      map.addLayer({id: 'outline-line', type: 'line', source: 'outline',
        paint: {'line-color': '#1f1f1f', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1.6, 10, 3.5]}});
    }
    map.addLayer({id: 'selected-line', type: 'line', source: 'municipalities',
      filter: ['==', ['get', 'code'], ''],
      paint: {'line-color': '#c8006a', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 2.5, 10, 4.5]}});
    map.on('click', 'municipality-fill', (event) => {
      const code = event.features?.[0]?.properties?.code;
      if (code) selectMunicipality(code);
    });
    map.on('mousemove', 'municipality-fill', (event) => showTooltip(event, map));
    map.on('mouseleave', 'municipality-fill', () => {
      map.getCanvas().style.cursor = '';
      document.getElementById('tooltip').hidden = true;
    });
  });
  return {map, loaded};
}

function emptyCollection() {
  return {type: 'FeatureCollection', features: []};
}

// Found by name, a small municipality is easily missed on the map of the country: the map goes to
// it, zoomed out far enough to keep its region around it.
function showOnMap(code) {
  const feature = state.municipalities.features.find((f) => f.properties.code === code);
  if (feature && state.map) state.map.fitBounds(dataBounds([feature]), {padding: 60, maxZoom: 8, duration: 500});
}

function dataBounds(features = state.municipalities.features) {
  let west = Infinity, south = Infinity, east = -Infinity, north = -Infinity;
  for (const feature of features) {
    forEachRing(feature.geometry, (ring) => {
      for (const [lon, lat] of ring) {
        west = Math.min(west, lon); east = Math.max(east, lon);
        south = Math.min(south, lat); north = Math.max(north, lat);
      }
    });
  }
  return Number.isFinite(west) ? [[west, south], [east, north]] : [[3.3, 50.7], [7.3, 53.6]];
}

function showTooltip(event, map) {
  map.getCanvas().style.cursor = 'pointer';
  const code = event.features?.[0]?.properties?.code;
  if (!code) return;
  const tooltip = document.getElementById('tooltip');
  const proposal = map === state.proposalMap && state.proposal;
  const region = proposal ? state.proposal.regionOf.get(code) : regionNow(code, state.editLayer);
  tooltip.textContent = `${municipalityName(code)} · ${proposal ? proposalRegionLabel(region) : regionLabel(state.editLayer, region)}`;
  const frame = document.getElementById('maps').getBoundingClientRect();
  const canvas = map.getCanvas().getBoundingClientRect();
  tooltip.style.left = `${canvas.left - frame.left + event.point.x + 12}px`;
  tooltip.style.top = `${canvas.top - frame.top + event.point.y + 12}px`;
  tooltip.hidden = false;
}

function whenStyleReady(map, apply) {
  if (!map) return;
  if (map.getSource('municipalities')) apply(map);
  else map.once('load', () => setTimeout(() => apply(map)));
}

function paintMainMap() {
  whenStyleReady(state.map, (map) => {
    for (const code of state.byCode.keys()) {
      map.setFeatureState({source: 'municipalities', id: code}, {fill: colourOf(regionNow(code, state.editLayer))});
    }
    const moved = currentMoves().filter((m) => m.layer === state.editLayer).map((m) => m.municipality);
    map.setFilter('municipality-hatch', ['in', ['get', 'code'], ['literal', moved]]);
    map.setFilter('selected-line', ['==', ['get', 'code'], state.selected || '']);
  });
}

function paintOutline() {
  whenStyleReady(state.map, (map) => {
    const collection = state.outlineLayer ? state.regionsGeoJson.get(state.outlineLayer) : null;
    map.getSource('outline').setData(collection || emptyCollection());
  });
}

// ---------------------------------------------------------------------------------------------
// Moves, undo and redo

function commitMoves(moves) {
  state.history = state.history.slice(0, state.historyIndex + 1);
  state.history.push(moves);
  state.historyIndex = state.history.length - 1;
  movesChanged();
}

// One move per municipality and layer (the API refuses two): a new one replaces the old, and a
// move back to today's region is no move at all.
function moveSelected(region) {
  const code = state.selected;
  const layer = state.editLayer;
  if (!code || !layer) return;
  const moves = currentMoves().filter((m) => !(m.municipality === code && m.layer === layer));
  if (region !== regionToday(code, layer)) moves.push({municipality: code, layer, region});
  commitMoves(moves);
}

function undo() {
  if (state.historyIndex === 0) return;
  state.historyIndex -= 1;
  movesChanged();
}

function redo() {
  if (state.historyIndex >= state.history.length - 1) return;
  state.historyIndex += 1;
  movesChanged();
}

function movesChanged() {
  paintMainMap();
  renderMoves();
  renderTargets();
  renderProfile();
  renderLegendRegions();
  requestWhatIf();
}

function renderMoves() {
  const list = document.getElementById('moves');
  const moves = currentMoves();
  list.replaceChildren(...moves.map((move) => el('li', {},
    el('span', {class: 'swatch', style: `background:${move.layer === state.editLayer ? colourOf(move.region) : '#fff'}`, 'aria-hidden': 'true'}),
    t('moveItem', {municipality: municipalityName(move.municipality),
      from: regionLabel(move.layer, regionToday(move.municipality, move.layer)), to: regionLabel(move.layer, move.region)}),
    move.layer === state.editLayer ? null : el('span', {class: 'tag'}, layerTitle(move.layer)))));
  document.getElementById('moves-empty').hidden = moves.length > 0;
  document.getElementById('undo').disabled = state.historyIndex === 0;
  document.getElementById('redo').disabled = state.historyIndex >= state.history.length - 1;
  document.getElementById('move-count').textContent = String(moves.length);
}

// ---------------------------------------------------------------------------------------------
// What if: after every change all moves go to the server; only the latest answer counts.

function requestWhatIf() {
  const moves = currentMoves();
  const sequence = ++state.whatIfSequence;
  state.whatIfController?.abort();
  const controller = new AbortController();
  state.whatIfController = controller;
  state.whatIfStatus = 'pending';
  renderScoresStatus();
  const settled = api('/api/whatif', {method: 'POST', body: {moves}, signal: controller.signal})
    .then((answer) => {
      if (sequence !== state.whatIfSequence) return;
      const answered = performance.now();
      state.whatIf = {answer, moves};
      state.whatIfStatus = 'idle';
      renderScores();
      state.scoresRenderMs = performance.now() - answered;
    })
    .catch((error) => {
      if (error.name === 'AbortError' || sequence !== state.whatIfSequence) return;
      state.whatIfStatus = 'failed';
      renderScoresStatus();
      showError(error);
    });
  state.whatIfSettled = settled;
  return settled;
}

async function idle() {
  let seen;
  do {
    seen = state.whatIfSettled;
    await seen;
  } while (seen !== state.whatIfSettled);
}

function renderScoresStatus() {
  const scores = document.getElementById('scores');
  scores.dataset.status = state.whatIfStatus;
  scores.setAttribute('aria-busy', state.whatIfStatus === 'pending' ? 'true' : 'false');
  let note = document.getElementById('scores-status');
  if (!note) {
    note = el('p', {id: 'scores-status', class: 'scores-status'});
    document.getElementById('scores-heading').after(note);
  }
  note.textContent = state.whatIfStatus === 'pending' ? t('computing') : state.whatIfStatus === 'failed' ? t('stale') : '';
}

function beforeAfter(before, after, format, higherIsBetter = true) {
  const changed = typeof before === 'number' && typeof after === 'number' && Math.abs(after - before) > 1e-9;
  const direction = !changed ? 'same' : (after > before) === higherIsBetter ? 'better' : 'worse';
  return el('span', {class: `before-after ${direction}`},
    el('span', {class: 'before'}, format(before)), ' → ', el('span', {class: 'after'}, format(after)));
}

function renderScores() {
  renderScoresStatus();
  const answer = state.whatIf?.answer;
  const moves = state.whatIf?.moves || [];
  const meanC = answer?.mean_congruence;
  const meanCell = document.getElementById('mean-c');
  if (!meanC) meanCell.textContent = '–';
  else if (!moves.length) meanCell.textContent = formatScore(meanC.before);
  else meanCell.replaceChildren(beforeAfter(meanC.before, meanC.after, formatScore));

  const selectedLabel = document.getElementById('selected-c-label');
  const selectedCell = document.getElementById('selected-c');
  if (state.selected) {
    selectedLabel.textContent = t('selectedCOf', {name: municipalityName(state.selected)});
    const entry = (answer?.municipalities || []).find((m) => m.municipality_code === state.selected);
    const today = entry?.before?.C ?? state.byCode.get(state.selected)?.C;
    if (!moves.length) selectedCell.textContent = formatScore(today);
    else selectedCell.replaceChildren(beforeAfter(today, entry?.after?.C ?? today, formatScore));
  } else {
    selectedLabel.textContent = t('selectedC');
    selectedCell.textContent = '–';
  }
  document.getElementById('move-count').textContent = String(moves.length);
  const rescored = (answer?.municipalities || []).filter((m) => Math.abs((m.after?.C ?? 0) - (m.before?.C ?? 0)) > 1e-9);
  document.getElementById('rescored').textContent = String(rescored.length);

  renderTouchedRegions(answer, moves);
  renderAri(answer);
  renderWarnings(answer, moves);
}

function renderTouchedRegions(answer, moves) {
  const container = document.getElementById('touched-regions');
  const touched = new Map();  // layer -> Set of region codes
  for (const move of moves) {
    if (!touched.has(move.layer)) touched.set(move.layer, new Set());
    const from = regionToday(move.municipality, move.layer);
    if (from) touched.get(move.layer).add(from);
    touched.get(move.layer).add(move.region);
  }
  if (!touched.size) {
    container.replaceChildren(el('p', {class: 'hint'}, t('none')));
    return;
  }
  const rows = [];
  for (const [layer, codes] of touched) {
    const division = (answer?.divisions || []).find((d) => d.layer === layer);
    const after = new Map((division?.regions || []).map((r) => [r.code, r]));
    for (const code of [...codes].sort()) {
      const today = state.regions.get(layer)?.get(code);
      const afterRegion = after.get(code);
      rows.push(el('tr', {dataset: {region: code, layer}},
        el('td', {}, el('span', {class: 'swatch', style: `background:${layer === state.editLayer ? colourOf(code) : '#fff'}`, 'aria-hidden': 'true'}),
          regionLabel(layer, code), layer === state.editLayer ? null : el('span', {class: 'tag'}, layer)),
        el('td', {class: 'num'}, beforeAfter(today?.population ?? null, afterRegion ? afterRegion.population : null,
          (v) => formatNumber(v), true)),
        el('td', {class: 'num'}, `${today?.municipalities ?? '?'} → ${afterRegion?.municipalities ?? '?'}`)));
    }
  }
  container.replaceChildren(el('table', {class: 'compact'},
    el('thead', {}, el('tr', {}, el('th', {}, t('region')), el('th', {class: 'num'}, t('population')),
      el('th', {class: 'num'}, t('municipalitiesShort')))),
    el('tbody', {}, rows)));
  // Population up or down is no verdict: no colour for it.
  for (const span of container.querySelectorAll('.before-after')) span.classList.remove('better', 'worse');
}

function renderAri(answer) {
  const container = document.getElementById('ari');
  const divisions = answer?.divisions || [];
  const rows = [];
  for (const division of divisions) {
    const after = division.adjusted_rand || {};
    const before = division.adjusted_rand_before || {};
    for (const other of Object.keys(after).sort()) {
      rows.push(el('tr', {dataset: {layer: division.layer, other}},
        el('td', {}, t('ariPair', {layer: division.layer, other})),
        el('td', {class: 'num'}, other in before ? beforeAfter(before[other], after[other], formatScore)
          : formatScore(after[other]))));
    }
  }
  container.replaceChildren(rows.length ? el('table', {class: 'compact'}, el('tbody', {}, rows))
    : el('p', {class: 'hint'}, t('ariNone')));
}

// The server words a warning's kind ("does not touch the region"); the page matches on its gist so
// that snake_case (does_not_touch) reads the same.
function warningKind(kind) {
  const gist = String(kind || '').toLowerCase().replace(/[_-]+/g, ' ');
  if (gist.includes('touch')) return 'does_not_touch';
  if (gist.includes('apart')) return 'leaves_region_apart';
  if (gist.includes('scored')) return 'layer_not_scored';
  return null;
}

function warningText(warning, moves) {
  const layer = warning.layer;
  const code = warning.municipality_code || warning.municipality;
  const values = {municipality: municipalityName(code), layer: layerTitle(layer),
    region: regionLabel(layer, warning.region_code || warning.region),
    scored: (state.whatIf?.answer?.layers || state.info?.scored_layers || []).join(', ')};
  switch (warningKind(warning.kind)) {
    case 'does_not_touch': return t('warnDoesNotTouch', values);
    case 'leaves_region_apart': {
      const parts = (warning.parts || []).map((part) => part.map(municipalityName).join(', '));
      return t('warnLeavesApart', {...values, count: parts.length, parts: parts.map((p) => `(${p})`).join(' ')});
    }
    case 'layer_not_scored': return t('warnNotScored', values);
    default: return t('warnOther', {text: JSON.stringify(warning)});
  }
}

function renderWarnings(answer, moves) {
  const list = document.getElementById('warnings');
  const warnings = answer?.warnings || [];
  list.replaceChildren(...(warnings.length
    ? warnings.map((w) => el('li', {class: 'warning', dataset: {kind: warningKind(w.kind) || 'other'}}, warningText(w, moves)))
    : [el('li', {class: 'hint'}, t('none'))]));
}

// ---------------------------------------------------------------------------------------------
// The chosen municipality: profile and targets

function findMunicipality(query) {
  const text = String(query || '').trim();
  if (!text) return null;
  const upper = text.toUpperCase();
  if (state.byCode.has(upper)) return upper;
  if (/^\d{1,4}$/.test(text) && state.byCode.has(`GM${text.padStart(4, '0')}`)) return `GM${text.padStart(4, '0')}`;
  const fromOption = text.match(/\((GM\d{4})\)\s*$/);
  if (fromOption && state.byCode.has(fromOption[1])) return fromOption[1];
  const lower = text.toLowerCase();
  for (const [code, p] of state.byCode) if (String(p.name).toLowerCase() === lower) return code;
  return null;
}

async function selectMunicipality(query) {
  const code = findMunicipality(query);
  if (!code) {
    showMessage(() => t('notFound', {query}));
    return null;
  }
  state.selected = code;
  state.profile = {code, data: null, loading: true};
  paintMainMap();
  paintProposalMap();
  renderProfile();
  renderTargets();
  renderScores();
  try {
    const data = await api(`/api/profile/${encodeURIComponent(code)}`);
    if (state.selected === code) state.profile = {code, data, loading: false};
  } catch (error) {
    if (state.selected === code) state.profile = {code, data: null, loading: false};
    showError(error);
  }
  if (state.selected === code) renderProfile();
  return code;
}

function targetRegions(code) {
  const layer = state.editLayer;
  const current = regionNow(code, layer);
  const adjacent = new Set();
  for (const neighbour of state.neighbours.get(code) || []) {
    const region = regionNow(neighbour, layer);
    if (region && region !== current) adjacent.add(region);
  }
  const byName = (a, b) => regionLabel(layer, a).localeCompare(regionLabel(layer, b), locale());
  const targets = [...adjacent].sort(byName).map((region) => ({region, adjacent: true}));
  if (document.getElementById('allow-far').checked) {
    const all = new Set(state.regions.get(layer)?.keys() || []);
    for (const p of state.byCode.values()) if (p[`region_${layer}`]) all.add(p[`region_${layer}`]);
    const far = [...all].filter((r) => r !== current && !adjacent.has(r)).sort(byName);
    targets.push(...far.map((region) => ({region, adjacent: false})));
  }
  return targets;
}

function renderTargets() {
  const container = document.getElementById('targets');
  const code = state.selected;
  if (!code) {
    container.replaceChildren(el('p', {class: 'hint'}, t('chooseFirst')));
    return;
  }
  const layer = state.editLayer;
  const current = regionNow(code, layer);
  const today = regionToday(code, layer);
  const header = el('p', {class: 'current-region'},
    el('span', {class: 'swatch', style: `background:${colourOf(current)}`, 'aria-hidden': 'true'}),
    `${municipalityName(code)}: ${regionLabel(layer, current)}`);
  const noRegion = !current && !today ? el('p', {class: 'hint'}, t('noRegionInLayer')) : null;
  const targets = targetRegions(code);
  const buttons = targets.map(({region, adjacent}) => el('button', {
    type: 'button', class: `target${adjacent ? '' : ' far'}`, dataset: {region},
    'aria-label': t('moveTargetLabel', {municipality: municipalityName(code), region: regionLabel(layer, region)}),
    onclick: () => moveSelected(region),
  }, el('span', {class: 'swatch', style: `background:${colourOf(region)}`, 'aria-hidden': 'true'}),
  el('span', {class: 'target-name'}, regionLabel(layer, region)),
  region === today ? el('span', {class: 'tag'}, t('targetToday')) : null,
  adjacent ? null : el('span', {class: 'tag far'}, t('targetNotAdjacent'))));
  container.replaceChildren(header, ...(noRegion ? [noRegion] : []),
    ...(buttons.length ? buttons : [el('p', {class: 'hint'}, t('noTargets'))]));
}

// The profile is `regiomap profile --format json`: a list with one object per municipality, its
// facts as {value, basis} and its scores under "scores". Anything else is shown as the keys found.
function profileItem(data, code) {
  if (Array.isArray(data)) return data.find((item) => item?.municipality_code === code) || data[0] || null;
  if (data && Array.isArray(data.profiles)) return profileItem(data.profiles, code);
  return data;
}

function findScore(item, keys) {
  for (const scope of [item?.scores, item]) {
    if (!scope || typeof scope !== 'object') continue;
    for (const key of keys) if (key in scope) return scope[key];
  }
  return undefined;
}

function factLabel(key) {
  const known = `fact_${key.replace(/[\s-]+/g, '_')}`;
  return known in STRINGS.nl ? t(known) : key;
}

function plainValue(value) {
  if (value === null || value === undefined) return t('unknown');
  if (typeof value === 'boolean') return value ? t('yes') : t('no');
  if (typeof value === 'number') return Number.isInteger(value) ? formatNumber(value) : formatNumber(value, 3);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function renderProfile() {
  const container = document.getElementById('profile');
  const code = state.selected;
  if (!code) {
    container.replaceChildren(el('p', {class: 'hint'}, t('noSelection')));
    return;
  }
  const props = state.byCode.get(code) || {};
  const item = state.profile?.code === code ? profileItem(state.profile.data, code) : null;
  const population = item?.population ?? props.population;
  const date = item?.population_date ?? state.info?.population_date;
  const parts = [el('h2', {id: 'profile-name'}, props.name || code, ' ', el('span', {class: 'code'}, code)),
    el('p', {class: 'population'}, date
      ? t('profilePopulation', {population: formatNumber(population), date})
      : t('profileNoPopulation'))];

  // Region per division, from the map data: every layer, with this page's moves applied.
  const rows = (state.info?.layers || []).map((layer) => {
    const now = regionNow(code, layer.id);
    const today = regionToday(code, layer.id);
    return el('tr', {class: layer.id === state.editLayer ? 'edited' : null, dataset: {layer: layer.id}},
      el('th', {scope: 'row'}, layer.title || layer.id),
      el('td', {}, regionLabel(layer.id, now),
        now !== today ? el('span', {class: 'tag moved'}, t('movedFrom', {region: regionLabel(layer.id, today)})) : null));
  });
  const regionTable = el('table', {class: 'compact profile-regions'}, el('caption', {}, t('regionPerLayer')), el('tbody', {}, rows));
  let details = null;

  if (state.profile?.code === code && state.profile.loading) {
    parts.push(el('p', {class: 'hint'}, t('profileLoading')));
  } else if (item && typeof item === 'object') {
    const chips = [
      ['C', 'scoreC', findScore(item, ['congruence_C', 'C', 'congruence'])],
      ['T', 'scoreT', findScore(item, ['tables_T', 'T', 'tables'])],
      ['P', 'scoreP', findScore(item, ['parties_P', 'P', 'parties'])],
      ['U', 'scoreU', findScore(item, ['partners_any_U', 'U'])],
      ['I', 'scoreI', findScore(item, ['partners_all_I', 'I'])],
    ].filter(([, , value]) => value !== undefined);
    const more = [
      ['scoreCPop', findScore(item, ['congruence_population'])],
      ['scoreMismatch', findScore(item, ['insurer_mismatch'])],
      ['scoreDefault', findScore(item, ['rests_on_default'])],
    ].filter(([, value]) => value !== undefined);
    parts.push(el('ul', {class: 'score-chips', id: 'profile-scores', 'aria-label': t('profileToday')}, chips.map(([letter, key, value]) =>
        el('li', {title: t(key), dataset: {score: letter}}, el('abbr', {title: t(key)}, letter), ' ', plainValue(value)))));
    const skip = new Set(['municipality_code', 'municipality_name', 'population', 'population_date', 'scores']);
    const facts = Object.entries(item).filter(([key]) => !skip.has(key));
    if (facts.length || more.length) {
      const factRows = more.map(([key, value]) => el('tr', {}, el('th', {scope: 'row'}, t(key)), el('td', {}, plainValue(value))));
      factRows.push(...facts.map(([key, value]) => {
        const isFact = value && typeof value === 'object' && 'value' in value;
        return el('tr', {},
          el('th', {scope: 'row'}, factLabel(key)),
          el('td', {}, isFact ? plainValue(value.value) : plainValue(value),
            isFact && value.basis ? el('div', {class: 'basis'}, value.basis) : null));
      }));
      details = el('details', {class: 'profile-facts', open: state.profileFactsOpen,
        ontoggle: (event) => { state.profileFactsOpen = event.target.open; }}, el('summary', {}, t('profileFacts')),
        el('table', {class: 'compact'}, el('tbody', {}, factRows)));
    }
  }
  container.replaceChildren(...parts, regionTable, ...(details ? [details] : []));
}

// ---------------------------------------------------------------------------------------------
// Exports

function fileNameFrom(disposition) {
  if (!disposition) return null;
  const extended = disposition.match(/filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/);
  if (extended) {
    try { return decodeURIComponent(extended[1].trim()); } catch { /* fall through to the plain name */ }
  }
  const quoted = disposition.match(/filename\s*=\s*"((?:[^"\\]|\\.)*)"/);
  if (quoted) return quoted[1].replace(/\\(.)/g, '$1');
  const plain = disposition.match(/filename\s*=\s*([^;]+)/);
  return plain ? plain[1].trim() : null;
}

async function exportDivision(format) {
  const layer = state.editLayer;
  const moves = currentMoves().filter((m) => m.layer === layer);
  const extension = {csv: 'csv', gpkg: 'gpkg', manifest: 'json'}[format];
  try {
    const response = await api(`/api/export/${format}`, {method: 'POST', body: {layer, moves}, raw: true});
    const blob = await response.blob();
    const name = fileNameFrom(response.headers.get('Content-Disposition')) || `${layer}-bewerkt.${extension}`;
    saveFile(name, blob);
  } catch (error) {
    showError(error);
  }
}

// ---------------------------------------------------------------------------------------------
// Comparing a proposal (the memberships.csv of `regiomap propose --out DIR`) with today

function parseCsv(text) {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0];
  const delimiter = [';', '\t', ','].reduce((best, d) =>
    (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; ++i) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') { field += '"'; ++i; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') ++i;
      row.push(field); field = '';
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows;
}

function columnIndex(header, names) {
  const normal = header.map((h) => h.trim().toLowerCase().replace(/[\s-]+/g, '_'));
  for (const name of names) {
    const index = normal.indexOf(name);
    if (index >= 0) return index;
  }
  return -1;
}

function loadProposal(fileName, text) {
  const rows = parseCsv(text);
  if (rows.length < 2) throw new Error(t('proposalEmpty', {file: fileName}));
  const header = rows[0];
  const municipalityColumn = columnIndex(header, ['municipality_code', 'municipality', 'gemeentecode', 'gemeente_code', 'gemeente', 'code']);
  const regionColumn = columnIndex(header, ['region_code', 'proposed_region_code', 'proposed_region', 'region', 'regiocode', 'regio_code', 'regio']);
  const nameColumn = columnIndex(header, ['region_name', 'proposed_region_name', 'regionaam', 'regio_naam']);
  if (municipalityColumn < 0 || regionColumn < 0) {
    throw new Error(t('proposalNoColumns', {file: fileName, columns: header.join(', ')}));
  }
  const regionOf = new Map();
  const regionNames = new Map();
  const unknown = [];
  for (const row of rows.slice(1)) {
    const code = findMunicipality(row[municipalityColumn]);
    const region = (row[regionColumn] || '').trim();
    if (!code || !region) {
      unknown.push(row[municipalityColumn]);
      continue;
    }
    regionOf.set(code, region);
    if (nameColumn >= 0 && row[nameColumn]) regionNames.set(region, row[nameColumn].trim());
  }
  state.proposal = {fileName, title: () => fileName, regionOf, regionNames, unknown};
  document.getElementById('proposal-file-name').textContent = fileName;
  compareProposal();
  showMessage(() => t('proposalLoaded', {file: fileName}), 'note');
}

// As `regiomap propose` counts "moving": a proposed region continues today's region holding most
// of its population (each municipality counting one more, so empty figures still count); when all
// proposed codes are today's codes, the proposal kept them and each region continues itself.
function compareProposal() {
  const proposal = state.proposal;
  if (!proposal) return;
  const layer = state.editLayer;
  const todayCodes = new Set();
  for (const code of state.byCode.keys()) if (regionToday(code, layer)) todayCodes.add(regionToday(code, layer));
  const proposedCodes = new Set(proposal.regionOf.values());
  const keepsCodes = [...proposedCodes].every((code) => todayCodes.has(code));
  const continues = new Map();
  for (const proposed of [...proposedCodes].sort()) {
    if (keepsCodes) {
      continues.set(proposed, proposed);
      continue;
    }
    const share = new Map();
    for (const [code, region] of proposal.regionOf) {
      if (region !== proposed) continue;
      const today = regionToday(code, layer);
      if (today) share.set(today, (share.get(today) || 0) + (state.byCode.get(code).population || 0) + 1);
    }
    let best = null;
    for (const today of [...share.keys()].sort()) if (best === null || share.get(today) > share.get(best)) best = today;
    continues.set(proposed, best);
  }
  const changes = [];
  const missing = [];
  for (const code of state.byCode.keys()) {
    const proposed = proposal.regionOf.get(code);
    if (!proposed) { missing.push(code); continue; }
    const today = regionToday(code, layer);
    if (today && today !== continues.get(proposed)) changes.push({code, from: today, proposed, to: continues.get(proposed)});
  }
  changes.sort((a, b) => municipalityName(a.code).localeCompare(municipalityName(b.code), locale()));
  const preferred = new Map([...continues].filter(([, today]) => today).map(([p, today]) => [p, state.colours.get(today)]));
  proposal.layer = layer;
  proposal.continues = continues;
  proposal.changes = changes;
  proposal.missing = missing;
  proposal.todayRegions = todayCodes.size;
  proposal.colours = colourRegions(proposal.regionOf, preferred);
  showProposalMap();
  renderProposalSummary();
  document.getElementById('proposal-summary').scrollIntoView({block: 'nearest'});
}

// What the server said of a proposal it found, as a list: ARI, populations, bounds, compactness,
// and in minimal change the last point of its trade-off curve.
function foundProposalFacts(found) {
  const weighted = (found.divisions || []).filter((d) => d.weight !== null && d.weight > 0);
  const each = weighted.map((d) => `${d.layer} ${formatNumber(d.adjusted_rand, 3)}`).join(' · ');
  const items = [
    el('li', {id: 'proposal-ari'}, t('proposalAri', {ari: formatNumber(found.mean_adjusted_rand, 3), each})),
    el('li', {}, t('proposalPopulation', {smallest: formatNumber(found.smallest_population),
      largest: formatNumber(found.largest_population), mean: formatNumber(found.mean_population)})),
  ];
  if (!found.bounds_met) items.push(el('li', {class: 'warning'}, t('proposalOutsideBounds')));
  if (typeof found.mean_polsby_popper === 'number') {
    items.push(el('li', {}, t('proposalCompactness', {value: formatNumber(found.mean_polsby_popper, 2)})));
  }
  const curve = found.tradeoff_curve || [];
  if (curve.length) {
    const last = curve[curve.length - 1];
    items.push(el('li', {}, t('proposalCurve', {moves: last.moves_used, quality: formatNumber(last.quality, 4)})));
  }
  return el('ul', {class: 'proposal-facts', id: 'proposal-facts', 'data-testid': 'proposal-facts'}, ...items);
}

// The compared proposal as a membership table that `regiomap load` takes as a layer through the
// manifest, as the CSV export of the edited division.
function proposalCsv(proposal) {
  const quote = (value) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = ['municipality_code,municipality_name,region_code,region_name'];
  for (const code of [...proposal.regionOf.keys()].sort()) {
    const region = proposal.regionOf.get(code);
    lines.push([code, municipalityName(code), region, proposal.regionNames.get(region) || region].map(quote).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function saveFile(name, blob) {
  const url = URL.createObjectURL(blob);
  const link = el('a', {href: url, download: name, hidden: true});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30000);
  showMessage(() => t('exported', {file: name}), 'note');
}

function exportProposal() {
  const proposal = state.proposal;
  if (!proposal?.found) return;
  saveFile(proposal.fileName, new Blob([proposalCsv(proposal)], {type: 'text/csv;charset=utf-8'}));
}

function proposalRegionLabel(proposed) {
  if (!proposed) return t('legendNoRegion');
  const name = state.proposal?.regionNames.get(proposed);
  return name ? `${proposed} ${name}` : proposed;
}

function renderProposalSummary() {
  const container = document.getElementById('proposal-summary');
  const proposal = state.proposal;
  document.getElementById('proposal-close').hidden = !proposal;
  document.getElementById('proposal-export').hidden = !proposal?.found;
  for (const item of document.querySelectorAll('.proposal-only')) item.hidden = !proposal;
  if (!proposal) {
    container.replaceChildren();
    return;
  }
  const total = state.byCode.size;
  const layer = layerTitle(proposal.layer);
  const parts = [
    el('p', {class: 'proposal-count', id: 'proposal-changed', dataset: {changed: proposal.changes.length}},
      t('proposalChanged', {changed: proposal.changes.length, total, layer})),
    el('p', {}, t('proposalRegions', {proposed: new Set(proposal.regionOf.values()).size, layer, today: proposal.todayRegions})),
  ];
  if (proposal.found) parts.push(foundProposalFacts(proposal.found));
  const some = (codes) => codes.slice(0, 8).join(', ') + (codes.length > 8 ? ', …' : '');
  if (proposal.missing.length) {
    parts.push(el('p', {class: 'warning'}, t('proposalMissing', {count: proposal.missing.length, names: some(proposal.missing.map(municipalityName))})));
  }
  if (proposal.unknown.length) {
    parts.push(el('p', {class: 'warning'}, t('proposalUnknown', {count: proposal.unknown.length, values: some(proposal.unknown)})));
  }
  if (proposal.changes.length) {
    parts.push(el('details', {open: proposal.changes.length <= 12}, el('summary', {}, t('proposalChangeList')),
      el('ul', {class: 'proposal-changes'}, proposal.changes.map((change) => el('li', {},
        el('button', {type: 'button', class: 'link', onclick: () => selectMunicipality(change.code)},
          t('proposalChange', {municipality: municipalityName(change.code),
            from: regionLabel(proposal.layer, change.from),
            to: change.to ? regionLabel(proposal.layer, change.to)
              : t('proposalNewRegion', {code: proposalRegionLabel(change.proposed)})})))))));
  }
  container.replaceChildren(...parts);
  document.getElementById('proposal-caption').textContent = t('proposalCaption', {file: proposal.title()});
}

function showProposalMap() {
  const frame = document.getElementById('proposal-frame');
  const wasHidden = frame.hidden;
  frame.hidden = false;
  document.getElementById('maps').classList.add('comparing');
  // Half a map is too narrow for the open legend; the planner can open it again.
  if (wasHidden) document.getElementById('legend').open = false;
  state.map?.resize();
  if (!state.proposalMap) {
    try {
      const {map} = createMap('map-proposal', false);
      state.proposalMap = map;
      syncCameras(state.map, map);
      map.once('load', () => state.map?.fitBounds(dataBounds(), {padding: 20, duration: 0}));
    } catch (error) {
      showMessage(() => t('mapError', {message: error.message}));
      return;
    }
  } else if (wasHidden) {
    state.proposalMap.resize();
  }
  // Half the width: both maps show the whole country again, and follow each other from there.
  state.map?.fitBounds(dataBounds(), {padding: 20, duration: 0});
  paintProposalMap();
}

function paintProposalMap() {
  const proposal = state.proposal;
  if (!proposal || !state.proposalMap) return;
  whenStyleReady(state.proposalMap, (map) => {
    for (const code of state.byCode.keys()) {
      const region = proposal.regionOf.get(code);
      map.setFeatureState({source: 'municipalities', id: code},
        {fill: region ? proposal.colours.get(region) || '#bbbbbb' : NO_REGION_COLOUR});
    }
    map.setFilter('municipality-hatch', ['in', ['get', 'code'], ['literal', proposal.changes.map((c) => c.code)]]);
    map.setFilter('selected-line', ['==', ['get', 'code'], state.selected || '']);
  });
}

function closeProposal() {
  state.proposal = null;
  document.getElementById('proposal-frame').hidden = true;
  document.getElementById('maps').classList.remove('comparing');
  document.getElementById('proposal-file').value = '';
  document.getElementById('proposal-file-name').textContent = '';
  state.map?.resize();
  state.map?.fitBounds(dataBounds(), {padding: 20, duration: 0});
  renderProposalSummary();
}

function syncCameras(a, b) {
  let syncing = false;
  const follow = (from, to) => from.on('move', () => {
    if (syncing) return;
    syncing = true;
    to.jumpTo({center: from.getCenter(), zoom: from.getZoom()});
    syncing = false;
  });
  follow(a, b);
  follow(b, a);
}

// ---------------------------------------------------------------------------------------------
// Searching a proposal: POST /api/propose with the parameters of `regiomap propose`; the answer
// streams one JSON line per stage of the search and ends with the proposal, which is then
// compared with today like a loaded membership table.

const SEARCH_DEPTH = {quick: {iterations: 200000, restarts: 4}, thorough: {iterations: 2000000, restarts: 8}};

function layerRegionCount(layer) {
  return (state.info.layers || []).find((l) => l.id === layer)?.regions ?? '';
}

function fillSearchForm() {
  const info = state.info;
  const regions = document.getElementById('propose-regions');
  regions.max = String(info.municipalities);
  // The zorgkantoor count, as the report's proposal: the insurers' paper asks for one layout on
  // those regions; the edited division's count (42 youth-care regions) cannot meet 0.5-2.0.
  regions.value = String(layerRegionCount('zorgkantoor') || layerRegionCount(state.editLayer));
  document.getElementById('propose-max-moves').max = String(4 * info.municipalities);
  document.getElementById('propose-weights').replaceChildren(...(info.scored_layers || []).map((layer) =>
    el('label', {title: layerTitle(layer)}, layer,
      el('input', {type: 'number', min: '0', step: '0.5', value: '1', dataset: {layer}}))));
  renderSearchForm();
}

function renderSearchForm() {
  if (!state.info) return;
  const minimal = document.getElementById('propose-mode').value === 'minimal';
  document.getElementById('propose-mode').options[1].textContent = t('proposeMinimal', {layer: layerTitle(state.editLayer)});
  for (const id of ['propose-regions', 'propose-regions-label']) document.getElementById(id).hidden = minimal;
  for (const id of ['propose-max-moves', 'propose-max-moves-label']) document.getElementById(id).hidden = !minimal;
  for (const input of document.querySelectorAll('#propose-weights input')) {
    input.setAttribute('aria-label', t('proposeWeightOf', {layer: layerTitle(input.dataset.layer)}));
  }
}

// A number field's value, or an Error naming the field (the browser reads an unreadable entry
// such as "0,5" in an English page as empty: then the message says so).
function fieldNumber(input, field, {whole = false, low = -Infinity, high = Infinity} = {}) {
  const value = input.valueAsNumber;
  if (Number.isNaN(value)) throw new Error(t('proposeNotNumber', {field, value: input.value}));
  if (whole && (!Number.isInteger(value) || value < low || value > high)) {
    throw new Error(t('proposeNotWhole', {field, value, low, high}));
  }
  return value;
}

function searchBody() {
  const minimal = document.getElementById('propose-mode').value === 'minimal';
  const body = {...SEARCH_DEPTH[document.getElementById('propose-depth').value]};
  if (minimal) {
    body.from = state.editLayer;
    body.max_moves = fieldNumber(document.getElementById('propose-max-moves'), t('proposeMaxMoves'),
      {whole: true, low: 0, high: 4 * state.info.municipalities});
  } else {
    body.regions = fieldNumber(document.getElementById('propose-regions'), t('proposeRegions'),
      {whole: true, low: 1, high: state.info.municipalities});
  }
  body.population_bounds = [fieldNumber(document.getElementById('propose-lower'), t('proposeLower')),
    fieldNumber(document.getElementById('propose-upper'), t('proposeUpper'))];
  body.weights = {};
  for (const input of document.querySelectorAll('#propose-weights input')) {
    body.weights[input.dataset.layer] = fieldNumber(input, t('proposeWeightOf', {layer: input.dataset.layer}));
  }
  if (!Object.values(body.weights).some((weight) => weight > 0)) throw new Error(t('proposeNoWeight'));
  body.keep_province = document.getElementById('propose-keep-province').checked;
  return body;
}

// Reads the answer's lines as they come; returns the proposal of the last line.
async function readSearchStream(response, search) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    const {value, done} = await reader.read();
    buffered += decoder.decode(value || new Uint8Array(), {stream: !done});
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end).trim();
      buffered = buffered.slice(end + 1);
      if (!line) continue;
      let item;
      try {
        item = JSON.parse(line);
      } catch (error) {
        throw new ApiError(`not JSON: ${error.message}`, response.status, '/api/propose');
      }
      if (item.error) throw Object.assign(new ApiError(item.error, response.status, '/api/propose'), {inStream: true});
      if (item.proposal) return item.proposal;
      if (item.progress) {
        search.progress = item.progress;
        search.steps.push(item.progress.stage);
        renderSearch();
      }
    }
    if (done) throw new ApiError(t('proposeCutOff'), response.status, '/api/propose');
  }
}

async function startSearch(event) {
  event?.preventDefault();
  if (state.search?.status === 'running') return state.search.finished;
  let body;
  try {
    body = searchBody();
  } catch (error) {
    // Worded again from the form on a language switch.
    showMessage(() => { try { searchBody(); return error.message; } catch (again) { return again.message; } });
    return null;
  }
  // A note of before (a file loaded, a download) would read as if about this search.
  if (state.message?.kind === 'note') document.getElementById('message').hidden = true;
  // A search this page stopped a moment ago may still be ending on the server (within a second):
  // its 429 is then waited out rather than shown.
  const previousStopped = state.search?.status === 'stopped' && performance.now() - state.search.endedAt < 3000;
  const search = {status: 'running', body, progress: null, steps: [], started: performance.now(), seconds: null,
    controller: new AbortController(), error: null, proposal: null};
  state.search = search;
  renderSearch();
  search.finished = (async () => {
    try {
      let response;
      for (let attempt = 0; ; ++attempt) {
        try {
          response = await api('/api/propose', {method: 'POST', body, raw: true, signal: search.controller.signal});
          break;
        } catch (error) {
          if (!(previousStopped && error.status === 429 && attempt < 8)) throw error;
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      }
      search.proposal = await readSearchStream(response, search);
      search.status = 'done';
      showFoundProposal(search.proposal, body);
    } catch (error) {
      search.status = error.name === 'AbortError' ? 'stopped' : 'failed';
      search.error = error;
      if (search.status === 'failed' && refusal(error)) {
        showMessage(() => t('proposeRefused', {message: error.message}));
        console.error(error);
      } else if (search.status === 'failed') {
        showError(error);
      }
    }
    search.endedAt = performance.now();
    search.seconds = (search.endedAt - search.started) / 1000;
    renderSearch();
    return search.proposal;
  })();
  return search.finished;
}

// The server said why it gives no proposal (the data cannot meet the request, one search at a
// time, or the search ended with a reason): its words alone, not as a server failure.
function refusal(error) {
  return error instanceof ApiError && (error.status === 422 || error.status === 429 || error.inStream);
}

function stopSearch() {
  if (state.search?.status === 'running') state.search.controller.abort();
}

function renderSearch() {
  const search = state.search;
  document.getElementById('propose-start').disabled = search?.status === 'running';
  document.getElementById('propose-stop').hidden = search?.status !== 'running';
  const box = document.getElementById('propose-progress');
  box.hidden = !search;
  if (!search) return;
  box.dataset.status = search.status;
  const bar = document.getElementById('propose-bar');
  const progress = search.progress;
  if (search.status === 'done') {
    bar.max = 1;
    bar.value = 1;
  } else if (progress && progress.steps > 0) {
    bar.max = progress.steps;
    bar.value = progress.step;
  } else {
    bar.removeAttribute('value');  // indeterminate until the first stage is done
  }
  let words;
  if (search.status === 'done') {
    words = t('proposeDone', {seconds: formatNumber(search.seconds, 1), regions: search.proposal.regions,
      ari: formatNumber(search.proposal.mean_adjusted_rand, 3)});
  } else if (search.status === 'stopped') {
    words = t('proposeStopped');
  } else if (search.status === 'failed') {
    words = refusal(search.error) ? t('proposeRefused', {message: search.error.message})
      : t('proposeFailed', {message: errorText(search.error)});
  } else if (progress) {
    words = [t('proposeStep', {step: progress.step, steps: progress.steps, stage: t(`stage_${progress.stage}`)}),
      typeof progress.best_quality === 'number' ? t('proposeBest', {quality: formatNumber(progress.best_quality, 4)}) : null,
      t('proposeElapsed', {seconds: formatNumber(progress.elapsed_seconds, 1)})].filter(Boolean).join(' · ');
  } else {
    words = t('stage_starting');
  }
  document.getElementById('propose-status').textContent = words;
}

function showFoundProposal(found, body) {
  const regionOf = new Map();
  const regionNames = new Map();
  for (const region of found.proposed_regions || []) {
    regionNames.set(region.code, region.name);
    for (const code of region.municipality_codes) regionOf.set(code, region.code);
  }
  const minimal = found.mode === 'minimal change';
  const fileName = minimal ? `voorstel-${found.from_layer}-${body.max_moves}.csv` : `voorstel-${found.regions}-seed${found.seed}.csv`;
  const title = () => (minimal ? t('proposalFromLayer', {layer: layerTitle(found.from_layer), moves: body.max_moves})
    : t('proposalFromScratch', {regions: found.regions, seed: found.seed}));
  state.proposal = {fileName, title, regionOf, regionNames, unknown: [], found};
  document.getElementById('proposal-file').value = '';
  document.getElementById('proposal-file-name').textContent = '';
  compareProposal();
}

// ---------------------------------------------------------------------------------------------
// Layers, legend, captions

function fillLayerSelects() {
  const layers = state.info.layers || [];
  const edit = document.getElementById('edit-layer');
  const outline = document.getElementById('outline-layer');
  edit.replaceChildren(...layers.map((l) => el('option', {value: l.id}, l.title ? `${l.title}` : l.id)));
  outline.replaceChildren(el('option', {value: ''}, t('noOutline')),
    ...layers.map((l) => el('option', {value: l.id}, l.title ? `${l.title}` : l.id)));
  const ids = layers.map((l) => l.id);
  state.editLayer = ids.includes(DEFAULT_EDIT_LAYER) ? DEFAULT_EDIT_LAYER : ids[0] || null;
  state.outlineLayer = ids.includes(DEFAULT_OUTLINE_LAYER) ? DEFAULT_OUTLINE_LAYER
    : ids.find((id) => id !== state.editLayer) || '';
  edit.value = state.editLayer || '';
  outline.value = state.outlineLayer || '';
}

async function changeEditLayer(layer) {
  try {
    await ensureRegions(layer);
  } catch (error) {
    showError(error);
    document.getElementById('edit-layer').value = state.editLayer;
    return;
  }
  state.editLayer = layer;
  computeEditColours();
  paintMainMap();
  renderAll();
  if (state.proposal) compareProposal();
}

async function changeOutlineLayer(layer) {
  try {
    await ensureRegions(layer);
  } catch (error) {
    showError(error);
    document.getElementById('outline-layer').value = state.outlineLayer;
    return;
  }
  state.outlineLayer = layer;
  paintOutline();
  renderLegend();
  renderMoves();
}

function renderLegend() {
  document.getElementById('legend-fill').textContent = state.editLayer
    ? t('legendFill', {layer: layerTitle(state.editLayer)}) : t('legendFillPlain');
  document.getElementById('legend-outline').textContent = state.outlineLayer
    ? t('legendOutline', {layer: layerTitle(state.outlineLayer)}) : t('legendOutlinePlain');
  document.getElementById('map-caption').textContent = t('mapCaption', {layer: layerTitle(state.editLayer)});
  renderLegendRegions();
}

function renderLegendRegions() {
  const layer = state.editLayer;
  const counts = new Map();
  for (const code of state.byCode.keys()) {
    const region = regionNow(code, layer);
    counts.set(region, (counts.get(region) || 0) + 1);
  }
  const regions = [...counts.keys()].sort((a, b) => regionLabel(layer, a).localeCompare(regionLabel(layer, b), locale()));
  document.getElementById('legend-regions').replaceChildren(...regions.map((region) => el('li', {},
    el('span', {class: 'swatch', style: `background:${colourOf(region)}`, 'aria-hidden': 'true'}),
    `${regionLabel(layer, region)} (${counts.get(region)})`)));
}

function renderStoreInfo() {
  const info = state.info;
  if (!info) return;
  document.getElementById('store-info').textContent = info.population_date
    ? t('storeInfo', {year: info.year, date: info.population_date})
    : t('storeInfoNoPopulation', {year: info.year});
  document.getElementById('attribution').textContent = info.attribution || '';
}

function renderAll() {
  if (!state.info) return;
  renderStoreInfo();
  renderLegend();
  renderMoves();
  renderProfile();
  renderTargets();
  renderScores();
  renderSearchForm();
  renderSearch();
  renderProposalSummary();
}

// ---------------------------------------------------------------------------------------------
// Start

function bindControls() {
  document.getElementById('lang').addEventListener('click', () => setLanguage(state.lang === 'nl' ? 'en' : 'nl'));
  document.getElementById('message-close').addEventListener('click', () => { document.getElementById('message').hidden = true; });
  document.getElementById('undo').addEventListener('click', undo);
  document.getElementById('redo').addEventListener('click', redo);
  document.getElementById('edit-layer').addEventListener('change', (e) => changeEditLayer(e.target.value));
  document.getElementById('outline-layer').addEventListener('change', (e) => changeOutlineLayer(e.target.value));
  document.getElementById('allow-far').addEventListener('change', renderTargets);
  document.getElementById('export-csv').addEventListener('click', () => exportDivision('csv'));
  document.getElementById('export-gpkg').addEventListener('click', () => exportDivision('gpkg'));
  document.getElementById('export-manifest').addEventListener('click', () => exportDivision('manifest'));
  const search = document.getElementById('search');
  const go = async () => {
    if (!search.value.trim()) return;
    const code = await selectMunicipality(search.value);
    if (code) showOnMap(code);
  };
  document.getElementById('search-go').addEventListener('click', go);
  search.addEventListener('keydown', (e) => { if (e.key === 'Enter') go(); });
  search.addEventListener('change', () => { if (findMunicipality(search.value)) go(); });
  document.getElementById('proposal-file').addEventListener('change', async (e) => {
    const file = e.target.files?.[0];
    if (!file) return;
    try {
      loadProposal(file.name, await file.text());
    } catch (error) {
      showError(error);
    }
  });
  document.getElementById('proposal-close').addEventListener('click', closeProposal);
  document.getElementById('proposal-export').addEventListener('click', exportProposal);
  document.getElementById('propose-form').addEventListener('submit', startSearch);
  document.getElementById('propose-stop').addEventListener('click', stopSearch);
  document.getElementById('propose-mode').addEventListener('change', renderSearchForm);
  document.addEventListener('keydown', (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.target.closest('input, select, textarea')) return;
    const key = e.key.toLowerCase();
    if (key === 'z' && !e.shiftKey) { e.preventDefault(); undo(); }
    else if (key === 'y' || (key === 'z' && e.shiftKey)) { e.preventDefault(); redo(); }
  });
}

async function start() {
  const params = new URLSearchParams(location.search);
  state.token = params.get('token');
  let lang = params.get('lang');
  if (!lang) {
    try { lang = localStorage.getItem('regiomap.lang'); } catch { lang = null; }
  }
  state.lang = lang === 'en' ? 'en' : 'nl';
  applyStaticStrings();
  bindControls();

  state.info = await api('/api/info');
  fillLayerSelects();
  fillSearchForm();
  renderStoreInfo();
  const [municipalities] = await Promise.all([api('/api/municipalities'), ensureRegions(state.editLayer),
    ensureRegions(state.outlineLayer)]);
  state.municipalities = municipalities;
  for (const feature of municipalities.features || []) state.byCode.set(feature.properties.code, feature.properties);
  document.getElementById('municipality-names').replaceChildren(...[...state.byCode.values()]
    .sort((a, b) => String(a.name).localeCompare(String(b.name), 'nl'))
    .map((p) => el('option', {value: `${p.name} (${p.code})`})));
  // The server's neighbours: a shared border of its exact shapes, or a link across water
  // (geodata/links.csv), as its what-if warnings and `regiomap adjacency` count them.
  state.neighbours = new Map((municipalities.features || []).map((f) => [f.properties.code, new Set(f.properties.neighbours || [])]));
  computeEditColours();
  renderAll();

  const scoresToday = requestWhatIf();
  let mapShown = Promise.resolve();
  try {
    const {map, loaded} = createMap('map', true);
    state.map = map;
    mapShown = loaded.then(() => {
      paintMainMap();
      paintOutline();
      return new Promise((resolve) => {
        map.once('idle', resolve);
        setTimeout(resolve, 10000);
      });
    });
  } catch (error) {
    showMessage(() => t('mapError', {message: error.message}));
  }
  await Promise.all([scoresToday, mapShown]);
  loadOtherRegionNames();
}

// The profile names a municipality's region in every layer; the map data gives only the codes.
async function loadOtherRegionNames() {
  for (const layer of state.info.layers || []) {
    if (state.regions.has(layer.id)) continue;
    try {
      await ensureRegions(layer.id);
    } catch (error) {
      showError(error);
      return;
    }
  }
  renderProfile();
  renderMoves();
}

const ready = start().catch((error) => {
  showMessage(() => t('loadError', {message: errorText(error)}));
  console.error(error);
  throw error;
});
ready.catch(() => { /* shown in the message bar; a test awaiting `ready` still sees the rejection */ });

window.workbench = {
  ready,
  selectMunicipality,
  get moves() { return currentMoves().map((m) => ({...m})); },
  move: (region) => moveSelected(region),
  undo,
  redo,
  idle,
  regionOf: (code, layer = state.editLayer) => regionNow(code, layer),
  get scoresRenderMs() { return state.scoresRenderMs; },  // from the parsed answer to the panel shown
  get whatIf() { return state.whatIf?.answer ?? null; },
  get neighbours() { return state.selected ? [...(state.neighbours.get(state.selected) || [])] : []; },
  loadProposal: (fileName, text) => loadProposal(fileName, text),
  search: () => startSearch(),  // the form's search; resolves to the proposal (null when stopped or refused)
  get searchSteps() { return state.search ? [...state.search.steps] : []; },
  get municipalityCount() { return state.byCode.size; },
  setLanguage,
};

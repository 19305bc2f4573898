import uPlot from 'uplot';
import { ApiError, request } from './api.js';
import { h } from './dom.js';
import { categoryLabel } from './format.js';
import type { Strings } from './i18n.js';
import { evaluationStrings, type EvaluationStrings } from './evaluationStrings.js';
import type { Agent, Locale } from './types.js';

/** The figures GET /api/evaluation returns (src/operator/evaluation.ts), as this page reads them. */
type Count = { key: string; count: number };
type Durations = { count: number; medianSeconds: number | null; p90Seconds: number | null };
export type EvaluationView = {
  filter: { sites: string[]; from: string; to: string };
  cases: number;
  casesByDay: { day: string; key: string; count: number }[];
  byCategory: Count[];
  byPlatform: Count[];
  byMerchant: Count[];
  byProduct: Count[];
  stepReached: Count[];
  stepOutcomes: { step: string; outcome: string; count: number }[];
  resolution: Durations;
  conversations: number;
  handoffs: number;
  handoffRate: number | null;
  queueWait: Durations & { timedOut: number; waiting: number };
  letters: Count[];
  questions: { answered: number; notCovered: number; lowConfidence: number };
  questionGroups: { kind: string; text: string | null; hash: string | null; count: number }[];
  satisfaction?: { count: number; average: number | null; byScore: Count[]; comments: { score: number; text: string; at: string }[] };
};

const COLORS = ['#c2410c', '#0969da', '#1a7f37', '#8250df', '#bf8700', '#57606a'];

type Deps = { agent: Agent; t: Strings; locale: Locale; back(): void };

/** The evaluation page (seed plan 5.3(4), 6.3.3, 7.3.2): what shoppers complain about and where the process stalls. */
export function renderEvaluation(root: HTMLElement, deps: Deps): { stop(): void } {
  const s = evaluationStrings(deps.locale);
  const charts: uPlot[] = [];
  const today = chinaDay(0);
  const site = h('select', { 'aria-label': s.site }, [
    ...(deps.agent.sites.length > 1 ? [h('option', { value: '' }, [s.allSites])] : []),
    ...deps.agent.sites.map((id) => h('option', { value: id }, [id])),
  ]);
  const from = h('input', { type: 'date', value: chinaDay(-29), 'aria-label': s.from });
  const to = h('input', { type: 'date', value: today, 'aria-label': s.to });
  const apply = h('button', { type: 'submit', class: 'primary' }, [s.apply]);
  const status = h('p', { class: 'subtitle', role: 'status' });
  const body = h('div', { class: 'evaluation-body' });
  const form = h('form', { class: 'evaluation-filters' }, [h('label', {}, [s.site, site]), h('label', {}, [s.from, from]), h('label', {}, [s.to, to]), apply]);
  const back = h('a', { href: '#', class: 'link' }, [s.back]);
  back.addEventListener('click', (event) => {
    event.preventDefault();
    deps.back();
  });
  root.replaceChildren(
    h('header', { class: 'top' }, [h('h1', {}, [s.title]), h('span', { class: 'me' }, [deps.t.signedInAs(deps.agent.displayName)]), back]),
    h('main', { class: 'evaluation', 'aria-labelledby': 'wq-evaluation-title' }, [h('h2', { id: 'wq-evaluation-title' }, [s.heading]), form, status, body]),
  );

  const query = () => {
    const params = new URLSearchParams({ from: from.value, to: to.value });
    if (site.value) params.set('site', site.value);
    return params;
  };
  // Only the latest request's answer is drawn: an earlier, slower one must not replace it.
  let latest = 0;
  const load = async () => {
    const mine = ++latest;
    status.textContent = s.loading;
    try {
      const view = (await request('', 'GET', `/api/evaluation?${query().toString()}`)) as EvaluationView;
      if (mine !== latest) return;
      for (const c of charts.splice(0)) c.destroy();
      const draw: (() => uPlot)[] = [];
      body.replaceChildren(...sections(view, s, deps, query(), draw));
      // Drawn once in the page, so each chart takes its card's width.
      for (const make of draw) charts.push(make());
      status.textContent = s.period(view.filter.from, view.filter.to, view.cases);
    } catch (thrown) {
      if (mine !== latest) return;
      for (const c of charts.splice(0)) c.destroy();
      body.replaceChildren();
      status.textContent = thrown instanceof ApiError ? s.failed(thrown.message || thrown.code) : s.failed(String(thrown));
    }
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  void load();
  return {
    stop() {
      for (const c of charts.splice(0)) c.destroy();
    },
  };
}

function sections(v: EvaluationView, s: EvaluationStrings, deps: Deps, query: URLSearchParams, charts: (() => uPlot)[]): HTMLElement[] {
  const csv = (chart: string) => {
    const params = new URLSearchParams(query);
    params.set('chart', chart);
    return h('a', { href: `/api/evaluation.csv?${params.toString()}`, class: 'link csv', download: '' }, [s.csv]);
  };
  const card = (id: string, title: string, content: (HTMLElement | string)[], chart?: string) =>
    h('section', { class: 'card evaluation-card', 'data-chart': id, 'aria-label': title }, [h('h3', {}, [title, ' ', chart ? csv(chart) : null]), ...content]);
  const bar = (id: string, title: string, rows: Count[], label: (k: string) => string = (k) => k || s.unknown) => {
    const el = h('div', { class: 'chart' });
    if (rows.length === 0) return card(id, title, [h('p', { class: 'empty' }, [s.noData])], id);
    const labels = rows.map((r) => label(r.key));
    charts.push(() =>
      barChart(
        el,
        labels,
        rows.map((r) => r.count),
        s.count,
      ),
    );
    return card(id, title, [el, countTable(rows, label)], id);
  };
  const category = (k: string) => categoryLabel(k || null, deps.locale, deps.t);
  const stat = (label: string, value: string) =>
    h('div', { class: 'stat' }, [h('span', { class: 'stat-value' }, [value]), h('span', { class: 'stat-label' }, [label])]);
  const time = (seconds: number | null) => (seconds === null ? '—' : humanDuration(seconds, s));

  const days = h('div', { class: 'chart' });
  if (v.casesByDay.length) charts.push(() => dayChart(days, v, category, s));
  const out: HTMLElement[] = [
    h('div', { class: 'stats' }, [
      stat(s.cases, String(v.cases)),
      stat(s.handoffRate, v.handoffRate === null ? '—' : `${(v.handoffRate * 100).toFixed(1)}%`),
      stat(s.waitMedian, time(v.queueWait.medianSeconds)),
      stat(s.resolutionMedian, time(v.resolution.medianSeconds)),
      stat(s.notCovered, `${v.questions.notCovered} / ${v.questions.answered}`),
      ...(v.satisfaction ? [stat(s.satisfaction, v.satisfaction.average === null ? '—' : `${v.satisfaction.average.toFixed(1)} / 5`)] : []),
    ]),
    card('casesByDay', s.casesByDay, [v.casesByDay.length ? days : h('p', { class: 'empty' }, [s.noData])], 'casesByDay'),
    bar('byCategory', s.byCategory, v.byCategory, category),
    bar('byPlatform', s.byPlatform, v.byPlatform),
    bar('byMerchant', s.byMerchant, v.byMerchant),
    bar('byProduct', s.byProduct, v.byProduct),
    bar('stepReached', s.stepReached, v.stepReached, (k) => s.steps[k] ?? k),
    card(
      'stepOutcomes',
      s.stepOutcomes,
      [
        table(
          [s.step, s.outcome, s.count],
          v.stepOutcomes.map((r) => [s.steps[r.step] ?? r.step, s.outcomes[r.outcome] ?? r.outcome, String(r.count)]),
        ),
      ],
      'stepOutcomes',
    ),
    card(
      'resolution',
      s.resolution,
      [table([s.resolved, s.median, s.p90], [[String(v.resolution.count), time(v.resolution.medianSeconds), time(v.resolution.p90Seconds)]])],
      'resolution',
    ),
    card(
      'handoff',
      s.handoff,
      [
        table(
          [s.conversations, s.handoffs, s.taken, s.median, s.p90, s.timedOut, s.stillWaiting],
          [
            [
              String(v.conversations),
              String(v.handoffs),
              String(v.queueWait.count),
              time(v.queueWait.medianSeconds),
              time(v.queueWait.p90Seconds),
              String(v.queueWait.timedOut),
              String(v.queueWait.waiting),
            ],
          ],
        ),
      ],
      'handoff',
    ),
    bar('letters', s.letters, v.letters, (k) => s.letterKinds[k] ?? k),
    card(
      'questionGroups',
      s.questionGroups,
      [
        table(
          [s.kind, s.question, s.count],
          v.questionGroups.map((g) => [g.kind === 'notCovered' ? s.notCoveredKind : s.lowConfidenceKind, g.text ?? s.textNotKept, String(g.count)]),
        ),
      ],
      'questionGroups',
    ),
  ];
  if (v.satisfaction) {
    const sat = v.satisfaction;
    out.push(
      bar(
        'satisfaction',
        s.satisfactionTitle(sat.count),
        [1, 2, 3, 4, 5].map((n) => ({ key: String(n), count: sat.byScore.find((b) => b.key === String(n))?.count ?? 0 })),
        (k) => `${k} ★`,
      ),
      card('satisfactionComments', s.comments, [
        table(
          [s.score, s.comment],
          sat.comments.map((c) => [String(c.score), c.text]),
        ),
      ]),
    );
  }
  return out;
}

function countTable(rows: Count[], label: (k: string) => string): HTMLElement {
  return table(
    ['', ''],
    rows.map((r) => [label(r.key), String(r.count)]),
    true,
  );
}

function table(head: string[], rows: string[][], headless = false): HTMLElement {
  return h('table', { class: 'figures' }, [
    headless
      ? null
      : h('thead', {}, [
          h(
            'tr',
            {},
            head.map((c) => h('th', { scope: 'col' }, [c])),
          ),
        ]),
    h(
      'tbody',
      {},
      rows.map((r) =>
        h(
          'tr',
          {},
          r.map((c) => h('td', {}, [c])),
        ),
      ),
    ),
  ]);
}

/** Cases per day, one line per dispute type (the five largest, the rest together). */
function dayChart(el: HTMLElement, v: EvaluationView, label: (k: string) => string, s: EvaluationStrings): uPlot {
  const top = v.byCategory.slice(0, 5).map((c) => c.key);
  const days: string[] = [];
  for (let d = v.filter.from; d <= v.filter.to; d = nextDay(d)) days.push(d);
  const keys = [...top, ...(v.byCategory.length > top.length ? ['__other'] : [])];
  const series = keys.map((k) =>
    days.map((d) => v.casesByDay.filter((r) => r.day === d && (k === '__other' ? !top.includes(r.key) : r.key === k)).reduce((n, r) => n + r.count, 0)),
  );
  const xs = days.map((d) => Date.parse(`${d}T00:00:00+08:00`) / 1000);
  return new uPlot(
    {
      width: chartWidth(el),
      height: 220,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Asia/Shanghai'),
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
      axes: [{}, { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] }],
      series: [{}, ...keys.map((k, i) => ({ label: k === '__other' ? s.other : label(k), stroke: COLORS[i % COLORS.length], width: 2 }))],
    },
    [xs, ...series],
    el,
  );
}

/** One bar per label. */
function barChart(el: HTMLElement, labels: string[], values: number[], yLabel: string): uPlot {
  const xs = labels.map((_, i) => i);
  const bars = uPlot.paths.bars?.({ size: [0.6, 64] });
  return new uPlot(
    {
      width: chartWidth(el),
      height: 200,
      legend: { show: false },
      cursor: { show: true, points: { show: false } },
      scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } },
      axes: [
        { splits: () => xs, values: (_u, splits) => splits.map((i) => shorten(labels[i] ?? '')), size: 40, grid: { show: false } },
        { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] },
      ],
      series: [
        {},
        { label: yLabel, fill: `${COLORS[0] ?? '#c2410c'}cc`, stroke: COLORS[0], width: 0, points: { show: false }, ...(bars ? { paths: bars } : {}) },
      ],
    },
    [xs, values],
    el,
  );
}

function chartWidth(el: HTMLElement): number {
  return Math.max(260, Math.min(720, (el.parentElement?.clientWidth ?? 384) - 28));
}

function shorten(text: string): string {
  return text.length > 8 ? `${text.slice(0, 7)}…` : text;
}

function humanDuration(seconds: number, s: EvaluationStrings): string {
  if (seconds < 90) return s.seconds(Math.round(seconds));
  if (seconds < 5400) return s.minutesOnly(Math.round(seconds / 60));
  if (seconds < 172_800) return s.hoursOnly(Math.round((seconds / 3600) * 10) / 10);
  return s.daysOnly(Math.round((seconds / 86_400) * 10) / 10);
}

function chinaDay(offset: number): string {
  return new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

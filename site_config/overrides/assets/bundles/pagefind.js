// Every search bundle of the site searched as one, behind the part of Pagefind's module API
// that PagefindUI calls (options, mergeIndex, filters, preload, search): search.js points the
// UI's bundlePath here, and this module drives Pagefind's own.
//
// Why not Pagefind's mergeIndex alone: a bundle that lacks a word answers it with the longest
// prefix of it the bundle holds ("maronite" -> "mar": stories about Mars), and merged results
// are ranked by score alone, so those answers can push the one story holding the word off the
// first page. A single index never does this while any page holds the word. So each bundle is
// tagged (Pagefind's mergeFilter) and every word of a query is also looked up exactly ("word")
// to learn which bundles hold it. A bundle lacking a word that another bundle holds may still
// hold longer words that begin with it ("iranian" for "iran", "professor" while "prof" is being
// typed), which a single index would list too; so its first result is opened, and the bundle
// is filtered out of the search only when none of the words Pagefind marked there begins with
// the word searched for.
import * as pagefind from "../../pagefind/pagefind.js";

const TAG = "nd-bundle";
const NEWEST = "newest";
const NOBODY = "-";
const bundles = [NEWEST];

export const options = (opts = {}) =>
  pagefind.options({ ...opts, mergeFilter: { [TAG]: NEWEST } });

export const mergeIndex = (path, opts = {}) => {
  bundles.push(path);
  return pagefind.mergeIndex(path, { ...opts, mergeFilter: { [TAG]: path } });
};

export const preload = (term, opts = {}) => pagefind.preload(term, opts);

export const filters = async () => untagged(await pagefind.filters());

export async function search(term, opts = {}) {
  const everywhere = await pagefind.search(term, opts);
  if (await heldNowhere(term, everywhere, opts)) {
    // A word no page holds was answered with a shorter one ("Seagerr" -> "sea": 189 stories
    // about the sea, listed as if they held it): no result is the true answer.
    const none = { ...everywhere, results: [], unfilteredResultCount: 0 };
    return { ...none, filters: untagged(none.filters), totalFilters: untagged(none.totalFilters) };
  }
  const shorter = await answeringWithShorterWords(term, everywhere, opts);
  const kept = shorter.length
    ? within(opts, { any: bundles.filter((b) => !shorter.includes(b)) })
    : opts;
  const found = shorter.length ? await pagefind.search(term, kept) : everywhere;
  const answer = await exactFirst(term, found, kept);
  return { ...answer, filters: untagged(answer.filters), totalFilters: untagged(answer.totalFilters) };
}

// The stories holding the query as written come first, then those holding only longer words
// that begin with its words: Pagefind reads the last word as a beginning ("Lai" -> "laid"),
// and its scores put four stories of "laid" above the one naming Lai. The rest keep
// Pagefind's order. A quoted search is exact already.
async function exactFirst(term, response, opts) {
  if (!queryWords(term).length || (response?.results?.length ?? 0) < 2) return response;
  const phrase = term.replaceAll('"', " ").trim().split(/\s+/).join(" ");
  const found = new Set(response.results.map((result) => result.id));
  const exact = (await pagefind.search(`"${phrase}"`, opts)).results;
  const front = exact.filter((result) => found.has(result.id));
  if (!front.length) return response;
  const first = new Set(front.map((result) => result.id));
  const rest = response.results.filter((result) => !first.has(result.id));
  return { ...response, results: [...front, ...rest] };
}

// The bundles whose answer to `term` stands on a word shorter than one of its words: they lack
// the word, another bundle holds it, and their first result marks no word beginning with it.
// A quoted search is exact already; one bundle answering competes with nobody.
async function answeringWithShorterWords(term, response, opts) {
  const answered = holding(response?.filters);
  const words = queryWords(term);
  if (!words.length || answered.length < 2) return [];
  const holders = await Promise.all(words.map((word) => bundlesHolding(word, opts)));
  const lacked = (bundle) =>
    words.filter((_, i) => holders[i].length && !holders[i].includes(bundle));
  const verdicts = await Promise.all(
    answered.map(async (bundle) => {
      const missing = lacked(bundle).map(fold);
      if (!missing.length) return false;
      const marked = await markedInFirstResult(term, within(opts, bundle));
      return marked.length > 0 && missing.some((w) => !marked.some((m) => m.startsWith(w)));
    }),
  );
  return answered.filter((_, i) => verdicts[i]);
}

// Whether a word of `term` is held by no bundle and the first result marks no word beginning
// with it: every answer then stands on a shorter word. (A word being typed, "taiw", is held by
// none either, but the words its results mark begin with it.) A quoted search is exact already.
async function heldNowhere(term, response, opts) {
  const words = queryWords(term);
  const [first] = response?.results ?? [];
  if (!words.length || !first) return false;
  const holders = await Promise.all(words.map((word) => bundlesHolding(word, opts)));
  const nowhere = words.filter((_, i) => !holders[i].length).map(fold).filter(Boolean);
  if (!nowhere.length) return false;
  const marked = await markedIn(first); // the search's own first result: no second search
  return marked.length > 0 && nowhere.some((w) => !marked.some((m) => m.startsWith(w)));
}

// The distinct words of a query; none for a quoted search, which is exact already.
function queryWords(term) {
  if (typeof term !== "string" || /^\s*".*"\s*$/.test(term)) return [];
  return [...new Set(term.replaceAll('"', " ").trim().split(/\s+/))].filter(Boolean);
}

// The bundles that hold `word` itself. The search is kept to no bundle: Pagefind still counts
// each bundle's pages holding the word (totalFilters) but builds no result, which for a common
// word would cost as much as the search itself. Remembered for the page's life (the bundles do
// not change), as a query typed word by word asks again for the words before the last.
const holdersOf = new Map();
function bundlesHolding(word, opts) {
  const key = JSON.stringify([word, opts.filters ?? {}]);
  if (!holdersOf.has(key)) {
    const counted = pagefind.search(`"${word}"`, within(opts, NOBODY));
    const holders = counted.then((response) => holding(response.totalFilters));
    holdersOf.set(key, holders);
    holders.catch(() => holdersOf.delete(key)); // a failed fetch is asked again next time
  }
  return holdersOf.get(key);
}

// The words Pagefind marked in the excerpt of the first result, folded for comparison (the
// excerpt is HTML: its character references are dropped, not decoded).
async function markedInFirstResult(term, opts) {
  const [first] = (await pagefind.search(term, opts)).results;
  return first ? markedIn(first) : [];
}

async function markedIn(result) {
  const excerpt = (await result.data()).excerpt ?? "";
  return [...excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) =>
    fold(m[1].replace(/&#?\w+;/g, "")),
  );
}

// Lower case, without accents or punctuation: as Pagefind compares words.
const fold = (word) =>
  word
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, "");

// `opts` with the search kept to some bundles (one name, or Pagefind's { any: [...] }).
const within = (opts, kept) => ({ ...opts, filters: { ...opts.filters, [TAG]: kept } });

// The bundles counted at least once in a search response's filter counts.
const holding = (counts) =>
  Object.entries(counts?.[TAG] ?? {})
    .filter(([, count]) => count > 0)
    .map(([bundle]) => bundle);

// Pagefind's filter counts without the bundle tag, which is not for readers to filter on.
const untagged = (counts) => {
  const { [TAG]: _, ...rest } = counts ?? {};
  return rest;
};

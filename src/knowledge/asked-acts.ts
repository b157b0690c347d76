/**
 * The names a refusal gives to an act the catalogue's programs never offer (src/search/asked-act.ts):
 * a service someone is asked to do (a roofer, taking back food, a noise complaint) or a rule
 * (may I barbecue in the park, must I join the 自治会). Resident-facing, in やさしい日本語; the
 * reply puts each in 「」 and adds where to ask (the city's site and the ward office from
 * knowledge/offices.json). A typed table, not the vocabulary: the search index does not read it.
 */
export const ASKED_ACT_TOPICS = {
  /** Someone asked to do something for the resident, or whether and how the resident can. */
  service: "お店や 業者、市の 窓口の サービス",
  /** Whether something is allowed, or must be done. */
  rule: "使い方や きまり",
} as const;

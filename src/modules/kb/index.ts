// What other modules may use of the knowledge base.
export { KbArticle, KbCategory, KbDeflection, KbRevision, KbAttachment, KbFeedback, TicketKbLink, KB_AUDIENCES, KB_STATUSES, type KbAudience, type KbStatus } from "./kb.entity";
export { createArticle, updateArticle, restoreRevision, type ArticleInput, type ArticleOrigin } from "./commands/save-article";
export { searchArticles, type KbHit, type KbSearchOptions } from "./queries/search";
export { renderArticle, articleText } from "./markdown";
export { authorizeKb, canKb, kbScope, isKbEditor, type KbAction } from "../../access/policies/kb.policy";
export { publishKnownError, knownErrorFormSchema } from "./commands/publish-known-error";
export { knownErrorArticleOf, kbArticleUrl, type KnownErrorArticle } from "./queries/known-error";
export { suggestionsFor } from "./queries/suggestions";
export { ticketKbPanel } from "./queries/ticket-panel";
export { recordSolvedWith } from "./commands/link-article";
export { describeKbHistory } from "./kb-desk.presenter";
export { loadKbDemo } from "./demo-kb";

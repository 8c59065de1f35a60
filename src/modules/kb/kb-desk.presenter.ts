import type { Translate } from "../../platform/i18n";
import type { TicketHistory } from "../tickets/history.entity";
import { KB_HISTORY } from "./commands/link-article";

/**
 * The ticket history rows this module writes, as sentences: an article linked (its title
 * in `to`) or unlinked (in `from`), the article that solved the ticket. null: not ours.
 */
export function describeKbHistory(h: Pick<TicketHistory, "kind" | "fromValue" | "toValue">, t: Translate): string | null {
  if (h.kind === KB_HISTORY.solved) return t("kbDesk.history.solved", { title: h.toValue ?? "" });
  if (h.kind !== KB_HISTORY.linked) return null;
  return t(h.toValue ? "kbDesk.history.linked" : "kbDesk.history.unlinked", { title: h.toValue ?? h.fromValue ?? "" });
}

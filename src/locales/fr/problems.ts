import type { Shape } from "../shape";
import type { problems as en } from "../en/problems";

/** French strings of problem management: the same keys as en/problems.ts. */
export const problems: Shape<typeof en> = {
  errors: {
    not_incident: "Seuls les incidents peuvent être liés à un problème.",
    already_linked: "Cet incident est déjà lié à {{number}}.",
    problem_closed: "Ce problème est résolu ou clos\u00a0: il ne peut plus changer.",
  },
};

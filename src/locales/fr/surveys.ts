import type { Shape } from "../shape";
import type { surveys as en, surveysMail as enMail } from "../en/surveys";

// Satisfaction surveys: the rating pages, the alert of a low score.
export const surveys: Shape<typeof en> = {
  title: "Qu’avez-vous pensé de notre aide\u00a0?",
};

// the survey's part of the resolution email and the low-score alert
export const surveysMail: Shape<typeof enMail> = {};

// Satisfaction surveys: the rating pages, the alert of a low score.
export const surveys = {
  title: "How did we do?",
};

// the survey's part of the resolution email and the low-score alert
export const surveysMail = {};

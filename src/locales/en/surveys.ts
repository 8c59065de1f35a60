// Satisfaction surveys: the rating pages, the alert of a low score.
export const surveys = {
  title: "How did we do?",
  /** Every score in words: the number alone says nothing to a screen reader nor to a hurried reader. */
  scores: {
    1: "Very dissatisfied", 2: "Dissatisfied", 3: "Neither satisfied nor dissatisfied", 4: "Satisfied", 5: "Very satisfied",
  },
  score: "{{score}}/5 — {{label}}",
  form: {
    question: "How satisfied are you with the way we handled it?",
    comment: "Anything to add? (optional)",
    comment_help: "The service desk reads it.",
    send: "Send my rating",
    save: "Save my changes",
  },
  /** The page a rating link of the email opens (no sign-in needed). */
  link: {
    about: "About your ticket {{number}} “{{title}}”.",
    thanks_title: "Thank you",
    thanks: "Your rating of {{number}} is recorded: {{score}}.",
    thanks_comment: "Your rating of {{number}} and your comment are recorded: {{score}}.",
    change_until: "You can change it or add a comment until {{date}}.",
    locked: "Ratings can be changed for 24 hours after the first answer: this one can no longer be changed.",
    invalid_title: "This link is not valid",
    invalid: "The link is incomplete or was altered. Open the email again, or sign in to Niveau to rate the ticket on its page.",
    expired_title: "This link has expired",
    expired: "Rating links work for {{days}} days. Sign in to Niveau to rate the ticket on its page.",
    sign_in: "Sign in and rate {{number}}",
    reopened_title: "This ticket is no longer resolved",
    reopened: "{{number}} was reopened: the service desk is working on it again. You can rate it once it is resolved.",
    home: "Go to Niveau",
  },
  /** The rating on the requester's own ticket page. */
  portal: {
    intro: "Rate how we handled this ticket: it helps the service desk do better.",
    current: "Your rating: {{score}}.",
    sent_on: "Sent on {{date}}.",
    can_change: "You can change it until {{date}}.",
    locked: "It can no longer be changed.",
  },
  /** The "Satisfaction" panel of the desk's ticket page. */
  panel: {
    title: "Satisfaction",
    none: "Not rated yet.",
    answered: "Rated {{date}}",
    changed: "changed {{date}}",
    low: "Low score",
    no_comment: "No comment.",
    reopen: "Reopen",
    reopen_reason: "Reason for reopening",
    reopen_default: "Low satisfaction score ({{score}}/5)",
    reach_out: "Reach out",
    reach_out_hint: "Opens the public reply with a first sentence to the requester.",
    reach_out_text: "Hello {{name}}, thank you for your feedback on {{number}}. I am sorry the outcome did not satisfy you: could you tell me what went wrong, so we can put it right?",
    follow_up_hint: "A closed ticket takes no more replies: this opens a follow-up ticket for {{name}}, assigned to you, with the reply started.",
  },
  /** The follow-up ticket of a low score on a closed ticket (in the desk's language). */
  follow_up: {
    title: "Follow-up: {{title}}",
    description: "{{name}} rated {{number}} “{{title}}” {{score}}/5 ({{label}}) once it was closed. This ticket follows it up with them.",
    comment: "Their comment:",
    no_comment: "They left no comment.",
  },
  /** The internal note a low score adds to the ticket (in the desk's language). */
  note: "Satisfaction survey: {{score}}/5 — {{comment}}",
  note_plain: "Satisfaction survey: {{score}}/5",
  errors: {
    score: "Choose a rating from 1 to 5.",
    locked: "This rating can no longer be changed: ratings can be changed for 24 hours after the first answer.",
    not_resolved: "This ticket is not resolved: it can be rated once it is resolved.",
    not_closed: "This ticket is not closed: reach out to the requester on the ticket itself.",
    requester_unavailable: "The requester's account cannot receive a new ticket (deactivated, or its username is shared with another account): contact them another way.",
    forbidden: "Only a supervisor follows up a low satisfaction score.",
  },
  flash: {
    saved: "Thank you: your rating is recorded.",
    follow_up: "Follow-up {{number}} is created and assigned to you: your reply to the requester is started below.",
  },
};

// the survey's part of the resolution email and the low-score alert
export const surveysMail = {
  /** The "How did we do?" block of the ticket-resolved (or ticket-closed) email: not a template of its own. */
  survey: {
    question: "How did we do?",
    intro: "One click rates how we handled this ticket:",
    hint: "Each choice opens a page where you can add a comment. The links work for {{days}} days.",
  },
  "survey-low-score": {
    subject: "[{{number}}] Low satisfaction score ({{score}}/5): {{title}}",
    body: "{{name}} rated {{number}} “{{title}}” {{score}}/5 ({{label}}).",
    comment: "Their comment:",
    next: "Reopen the ticket or reach out to them from its page.",
    open: "Open the ticket",
  },
};

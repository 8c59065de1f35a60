/** English strings of problem management. fr/problems.ts must have the same keys. */
export const problems = {
  errors: {
    not_incident: "Only incidents can be linked to a problem.",
    already_linked: "This incident is already linked to {{number}}.",
    problem_closed: "This problem is resolved or closed: it cannot change any more.",
  },
};

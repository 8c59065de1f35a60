// Known-error articles published from a problem's workaround.
export const kbProblems = {
  article: {
    title: "Known error: {{title}}",
    symptoms: "Symptoms",
    workaround: "Workaround",
    status: "Status",
    status_text: "This is a known error. The workaround above gets you going again while a permanent fix is being worked on; this article will say when it is in place.",
  },
  heading: "Knowledge base",
  publish: "Publish the workaround as a known-error article",
  update: "Update the known-error article",
  help: "The article shows the description, the workaround and the status; published again, it gets a new revision.",
  audience: "Who can read it",
  audiences: { everyone: "Everyone (employees too)", agents: "Agents only" },
  last_published: "last published {{when}}",
  not_published: "not published",
  flash: { created: "The known-error article is published.", updated: "The known-error article is up to date." },
  errors: { no_workaround: "Publish a workaround first: the article is made from it." },
};

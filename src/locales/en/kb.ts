// The knowledge base: browsing, reading, searching, writing articles (pages and errors).
export const kb = {
  errors: {
    changed: "This article was changed by someone else meanwhile. Reload it to see their changes, then save yours again.",
    too_many_tags: "20 tags at most.",
    tag_too_long: "A tag has 40 characters at most.",
    date: "Enter a date as YYYY-MM-DD.",
  },
};

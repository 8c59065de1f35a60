// Known-error articles published from a problem's workaround.
export const kbProblems = {
};

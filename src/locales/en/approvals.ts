/** English strings of approvals, fulfilment tasks and asset hand-over. fr/approvals.ts must have the same keys. */
export const approvals = {
  /** The portal home's link, shown while something waits for the person's decision. */
  portal_link: "Requests waiting for your approval: {{count}}",
  portal_link_hint: "Someone needs your decision before IT can go on.",
  list: {
    title: "Waiting for your approval",
    intro: "Requests of your colleagues that need your decision, oldest first. IT fulfils a request once you approve it; a rejected request is closed and its requester reads your reason.",
    empty: "Nothing waits for your approval.",
    decided: "Your recent decisions", none_decided: "No decision yet.",
    request: "Request", requester: "Asked by", asked: "Asked", state: "Decision", decided_on: "Decided",
    next: "More requests →", first: "← First requests", pages: "Pages of requests",
  },
  state: { pending: "Waiting for your decision", approved: "Approved", rejected: "Rejected", cancelled: "Cancelled" },
  show: {
    back: "All approvals", asked_by: "Asked by", asked_on: "Asked on", item: "What is asked for", request: "Request",
    decision: "Your decision",
    approve: "Approve", approve_hint: "IT fulfils the request.",
    reject: "Reject", reject_hint: "The request is closed; its requester reads your reason.",
    reason: "Reason for rejecting", reason_help: "The requester reads it.",
  },
  decided: {
    approved: "Approved by {{name}} on {{date}}.",
    rejected: "Rejected by {{name}} on {{date}}.",
    cancelled: "This request no longer waits for approval: it was resolved or closed on {{date}}.",
    reason: "Reason:",
  },
  /** The page a link of the approval email opens (no sign-in needed). */
  link: {
    title: "Approval",
    confirm_approve: "Approve {{number}}?", confirm_reject: "Reject {{number}}?",
    intro: "{{name}} asks for “{{item}}” and needs your decision.",
    other_way: "Changed your mind? Sign in and decide on the approval page.",
    invalid_title: "This link is not valid",
    invalid: "The link is incomplete or was altered, or the approval no longer exists. Open the approval email again, or sign in to Niveau to see what waits for you.",
    expired_title: "This link has expired",
    expired: "Approval links are valid for {{days}} days. Sign in to Niveau to decide on the approval page.",
    decided_title: "Already decided",
    open: "Open the approval page", all: "See what waits for your approval",
    done_title: "Thank you",
    done_approved: "You approved {{number}} “{{title}}”: IT fulfils it now, and its requester is told.",
    done_rejected: "You rejected {{number}} “{{title}}”: it is closed, and its requester reads your reason.",
  },
  via: { portal: "on the portal", email: "from the email link" },
  history: {
    approved: "approved the request ({{via}})",
    rejected: "rejected the request ({{via}})",
    task_created: "fulfilment task {{number}} created",
    task_of: "created as a fulfilment task of {{number}}",
    handover: "handed {{tag}} over to the requester",
  },
  /** The ticket page's panel of a catalog request (and of its tasks). */
  fulfilment: {
    heading: "Approval and fulfilment", heading_no_approval: "Fulfilment",
    pending: "Waiting for the approval of {{name}}.",
    approved: "Approved by {{name}} on {{date}}.",
    rejected: "Rejected by {{name}} on {{date}}.",
    cancelled: "The approval of {{name}} was cancelled: the request was resolved or closed before a decision.",
    reason: "Reason:",
    tasks: "Fulfilment tasks", progress: "{{done}} of {{total}} tasks done", progress_label: "Progress of the fulfilment tasks",
    task_of: "Task of {{number}}", task_of_hint: "“{{title}}”: the request resolves itself once all its tasks are done.",
    /** The request's resolution when its last task is done (in the desk's default language). */
    resolution: "All fulfilment tasks are done.",
    reopened: "its fulfilment task {{number}} was reopened",
    hand_over: "Hand over an asset", hand_over_label: "In-stock asset",
    hand_over_help: "The requester becomes its owner, it is in use and linked to this request; its history records it.",
    hand_over_button: "Hand over to the requester", none_in_stock: "No asset of this type is in stock.",
    handed_over: "Handed over to the requester:", hand_over_another: "Hand over another asset",
  },
  task: {
    /** The head of a task ticket's description, in the desk's default language; the request's answers follow. */
    description: "Fulfilment task of {{number}} “{{title}}” ({{item}}), requested by {{requester}}.",
  },
  flash: {
    approved: "You approved {{number}}: IT fulfils it now.",
    rejected: "You rejected {{number}}: its requester is told why.",
    handed_over: "{{tag}} is handed over to the requester.",
  },
  errors: {
    no_manager: "Your manager is not known to Niveau: ask IT to record it.",
    no_approver: "Nobody can approve this request at the moment: ask IT.",
    awaiting_approval: "This request waits for its approver's decision: it cannot be resumed, escalated or sent back meanwhile.",
    already_approved: "This request was already approved by {{name}}.",
    already_rejected: "This request was already rejected by {{name}}.",
    already_cancelled: "This request no longer waits for approval: it was resolved or closed meanwhile.",
    request_moved: "This request no longer waits for approval.",
    reason_required: "Say why you reject the request: its requester reads it.",
    no_hand_over: "This request does not hand over equipment.",
    asset_choice: "Choose an in-stock asset of the type this request hands over.",
    asset_not_in_stock: "{{tag}} is no longer in stock: choose another asset.",
    hand_over_not_now: "Equipment is handed over once the request is approved, while it is being worked.",
    tasks_open: "{{count}} fulfilment task(s) of this request are still open: they resolve it when they are done.",
  },
};

/** The subjects and texts of the approval emails (merged into mail.templates by en.ts). */
export const approvalsMail = {
  "approval-requested": {
    subject: "[{{number}}] Your approval is needed: {{item}}",
    body: "{{name}} asks for “{{item}}” ({{number}}) and needs your approval before IT can go on.",
    answers: "Their answers:",
    approve: "Approve", reject: "Reject",
    links: "Each button opens a page where you confirm your decision. They work for {{days}} days; after that, decide on the approval page.",
    open: "Open the approval page",
  },
  "request-approved": {
    subject: "[{{number}}] Approved: {{title}}",
    body: "{{name}} approved your request {{number}} “{{title}}”. IT fulfils it now: follow its progress on its page.",
    open: "Follow the request",
  },
  "request-rejected": {
    subject: "[{{number}}] Not approved: {{title}}",
    body: "{{name}} did not approve your request {{number}} “{{title}}”, so it is closed.",
    reason: "Their reason:",
    again: "If you still need it, talk it over with them, then order again from the catalog.",
    open: "Open the request",
  },
};

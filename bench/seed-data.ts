/** Word lists for the bench data: plausible service-desk text, cheap to assemble. */

export const FIRST_NAMES = [
  "Alice", "Bruno", "Camille", "David", "Emma", "Farid", "Gaëlle", "Hugo", "Inès", "Julien", "Karima", "Louis",
  "Manon", "Nicolas", "Océane", "Paul", "Quentin", "Rose", "Samir", "Théo", "Ursula", "Victor", "Wendy", "Xavier",
  "Yasmine", "Zoé", "Adrien", "Brigitte", "Cédric", "Delphine", "Étienne", "Fanny", "Gilles", "Hélène", "Ivan",
  "Jeanne", "Kevin", "Laura", "Mathieu", "Nadia",
] as const;

export const LAST_NAMES = [
  "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
  "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard",
  "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier",
  "Faure", "Rousseau", "Blanc", "Guerin", "Muller", "Henry", "Roussel", "Nicolas",
] as const;

export const DEPARTMENTS = ["Finance", "HR", "Sales", "Marketing", "Legal", "Logistics", "Production", "R&D", "Purchasing", "Customer care"] as const;
export const LOCATIONS = ["Paris HQ", "Lyon", "Lille", "Nantes", "Bordeaux", "Toulouse", "Strasbourg", "Remote"] as const;

/** Titles by category name (the default categories of ensureDefaults). */
export const TITLES: Record<string, readonly string[]> = {
  Hardware: [
    "Laptop does not start", "Screen flickers on the docking station", "Keyboard keys stuck", "New mouse needed",
    "Laptop battery drains in an hour", "Second monitor not detected", "Headset microphone not working",
  ],
  Software: [
    "Excel crashes when opening large files", "Cannot install the accounting update", "Teams freezes during calls",
    "ERP session times out", "Licence expired for the PDF editor", "Browser shows certificate warning",
  ],
  Network: [
    "VPN disconnects every few minutes", "Wi-Fi very slow in meeting room B", "No network on desk port 3-14",
    "Shared drive unreachable", "Intranet pages load slowly",
  ],
  "Accounts & access": [
    "Password reset needed", "Account locked after holidays", "Access to the finance share", "New starter account",
    "MFA phone changed", "Remove access for a leaver",
  ],
  Email: [
    "Mailbox full", "Emails to a partner bounce", "Shared calendar not visible", "Out-of-office cannot be set",
    "Phishing email received",
  ],
  Printing: [
    "Printer on floor 2 jams", "Cannot add the colour printer", "Scanner sends empty PDFs", "Printer prints blank pages",
  ],
  Other: ["Question about the new phone policy", "Meeting room screen not working", "Request a software demo", "Badge does not open the door"],
};

export const TITLE_SUFFIXES = ["", "", "", "", " (urgent)", " again", " since this morning", " for the whole team", " after update"] as const;

export const DESCRIPTION_SENTENCES = [
  "It started this morning after I logged in.",
  "I already restarted the computer twice.",
  "Colleagues next to me have the same problem.",
  "I have a deadline this afternoon, so any help is welcome.",
  "The error message says to contact the administrator.",
  "It worked fine last week.",
  "I attached nothing because the screen freezes before I can take a capture.",
  "This happens only when I am in the office, not at home.",
  "My manager approved the request.",
  "Please call me back on my mobile if needed.",
] as const;

export const PUBLIC_REPLIES = [
  "Thanks, I am looking into it now.",
  "Could you tell me the exact error message?",
  "Can you try again and tell me if it still happens?",
  "I have reset it on our side; please sign out and back in.",
  "It works now, thank you!",
  "Still the same problem here.",
  "We are waiting for the supplier, I will keep you posted.",
  "A technician will come by your desk this afternoon.",
] as const;

export const INTERNAL_NOTES = [
  "Checked the logs: the account was locked by repeated failures.",
  "Known issue with the last driver update, see the problem record.",
  "Asked N2 about the firewall rule.",
  "User is VIP, keep them informed.",
  "Workaround applied, root cause still unknown.",
  "Ordered a replacement part.",
] as const;

export const RESOLUTIONS = [
  "Reset the password and unlocked the account.",
  "Reinstalled the application.",
  "Replaced the faulty cable.",
  "Applied the vendor patch.",
  "Explained the procedure to the user.",
  "Granted the requested access.",
] as const;

export const ESCALATION_REASONS = ["Needs server access", "Beyond N1 scope", "Requires a code change", "Network configuration"] as const;

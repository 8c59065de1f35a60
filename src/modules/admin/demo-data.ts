import type { Level, TicketType } from "../tickets/ticket.types";

/** The catalogue of the demo data set: people and the IT issues they report. No logic here. */

export const DEMO_PASSWORD = "demo-password-1";

export interface DemoPerson {
  username: string;
  displayName: string;
  department: string;
  location: string;
  locale: "en" | "fr";
  phone: string;
  vip?: boolean;
}

export interface DemoStaff extends DemoPerson {
  role: "agent" | "supervisor";
  groups: string[];
}

export const EMPLOYEES: DemoPerson[] = [
  { username: "claire.martin", displayName: "Claire Martin", department: "Finance", location: "Paris - La Défense", locale: "fr", phone: "+33 1 70 36 12 04" },
  { username: "thomas.dubois", displayName: "Thomas Dubois", department: "Sales", location: "Lyon - Part-Dieu", locale: "fr", phone: "+33 4 72 10 33 18" },
  { username: "sarah.cohen", displayName: "Sarah Cohen", department: "Legal", location: "Paris - La Défense", locale: "en", phone: "+33 1 70 36 12 57" },
  { username: "james.wilson", displayName: "James Wilson", department: "Sales", location: "London - Canary Wharf", locale: "en", phone: "+44 20 7946 0321" },
  { username: "amelie.laurent", displayName: "Amélie Laurent", department: "Human Resources", location: "Paris - La Défense", locale: "fr", phone: "+33 1 70 36 12 71" },
  { username: "karim.benali", displayName: "Karim Benali", department: "Operations", location: "Marseille - Euroméditerranée", locale: "fr", phone: "+33 4 91 02 45 60" },
  { username: "emma.thompson", displayName: "Emma Thompson", department: "Marketing", location: "London - Canary Wharf", locale: "en", phone: "+44 20 7946 0874" },
  { username: "lucas.moreau", displayName: "Lucas Moreau", department: "Procurement", location: "Nantes - Île de Nantes", locale: "fr", phone: "+33 2 40 12 88 30" },
  { username: "priya.sharma", displayName: "Priya Sharma", department: "Finance", location: "Remote", locale: "en", phone: "+33 6 12 34 56 78" },
  { username: "olivier.lefebvre", displayName: "Olivier Lefebvre", department: "Executive office", location: "Paris - La Défense", locale: "fr", phone: "+33 1 70 36 10 01", vip: true },
  { username: "sophie.bernard", displayName: "Sophie Bernard", department: "Communication", location: "Lyon - Part-Dieu", locale: "fr", phone: "+33 4 72 10 33 42" },
  { username: "david.nguyen", displayName: "David Nguyen", department: "Operations", location: "Nantes - Île de Nantes", locale: "en", phone: "+33 2 40 12 88 77" },
];

export const STAFF: DemoStaff[] = [
  { username: "julie.petit", displayName: "Julie Petit", role: "agent", groups: ["N1 Service Desk"], department: "IT", location: "Paris - La Défense", locale: "fr", phone: "+33 1 70 36 19 00" },
  { username: "mehdi.haddad", displayName: "Mehdi Haddad", role: "agent", groups: ["N1 Service Desk"], department: "IT", location: "Lyon - Part-Dieu", locale: "fr", phone: "+33 4 72 10 39 00" },
  { username: "antoine.roux", displayName: "Antoine Roux", role: "agent", groups: ["N2 Support"], department: "IT", location: "Paris - La Défense", locale: "fr", phone: "+33 1 70 36 19 20" },
  { username: "laura.fontaine", displayName: "Laura Fontaine", role: "agent", groups: ["N2 Support"], department: "IT", location: "Nantes - Île de Nantes", locale: "fr", phone: "+33 2 40 12 89 20" },
  { username: "nicolas.garnier", displayName: "Nicolas Garnier", role: "agent", groups: ["N3 Engineering"], department: "IT", location: "Paris - La Défense", locale: "fr", phone: "+33 1 70 36 19 30" },
  { username: "hannah.becker", displayName: "Hannah Becker", role: "agent", groups: ["N3 Engineering"], department: "IT", location: "London - Canary Wharf", locale: "en", phone: "+44 20 7946 0999" },
  { username: "marc.girard", displayName: "Marc Girard", role: "agent", groups: ["Facilities"], department: "Facilities", location: "Paris - La Défense", locale: "fr", phone: "+33 1 70 36 15 10" },
  { username: "isabelle.mercier", displayName: "Isabelle Mercier", role: "supervisor", groups: ["N1 Service Desk", "N2 Support", "N3 Engineering"], department: "IT", location: "Paris - La Défense", locale: "fr", phone: "+33 1 70 36 19 99" },
];

export interface TicketTemplate {
  type: TicketType;
  category: string;
  impact: Level;
  urgency: Level;
  title: string;
  description: string;
  /** The agent's first public reply (usually a question). */
  ask: string;
  /** The requester's answer. */
  answer: string;
  /** Why N1 hands it to N2, and the hand-over note. */
  escalate: string;
  note: string;
  resolution: string;
}

const t = (
  type: TicketType, category: string, impact: Level, urgency: Level, title: string, description: string,
  ask: string, answer: string, escalate: string, note: string, resolution: string,
): TicketTemplate => ({ type, category, impact, urgency, title, description, ask, answer, escalate, note, resolution });

export const TEMPLATES: TicketTemplate[] = [
  t("incident", "Network", "low", "medium", "VPN disconnects every few minutes when working from home",
    "Since this morning the VPN drops every 5 to 10 minutes and I lose my Teams calls. My home internet works fine otherwise.",
    "Which VPN gateway are you connected to (Paris or Lyon)? A screenshot of the error would help.", "Paris gateway. The message says \"Gateway unreachable, retrying\".",
    "Client logs show repeated IKE rekey failures, not a workstation issue.", "Client reinstalled, same behaviour. Logs attached to the laptop record; rekey fails every ~8 min.",
    "The gateway's rekey timer was shorter than the client's; aligned both to 8 h. Connection stable since."),
  t("incident", "Network", "medium", "high", "Cannot connect to the VPN: \"authentication failed\"",
    "I get \"authentication failed\" when connecting to the VPN, although my password works on the intranet.",
    "Did you change your password recently? Please also check the date and time of your laptop.", "Yes, I changed it yesterday.",
    "MFA registration looks broken for this account.", "Password OK on AD, MFA push never arrives. Needs a reset of the MFA device.",
    "The MFA device was re-registered; the VPN connects again."),
  t("incident", "Printing", "medium", "medium", "3rd floor printer prints blank pages",
    "The printer near the kitchen on the 3rd floor (PRN-PAR-3B) only prints blank pages since Monday.",
    "Does it happen with every document, including a test page printed from the printer itself?", "Yes, even the test page is blank.",
    "Hardware fault suspected, needs the maintenance contract.", "Toner replaced, still blank. Drum probably dead; vendor call needed.",
    "The vendor replaced the imaging drum. Test pages are fine."),
  t("incident", "Printing", "low", "low", "Cannot add the office printer on my laptop",
    "When I try to add the printer from the list I get \"Windows cannot connect to the printer\".",
    "Are you on the office network or on the VPN?", "On the office Wi-Fi.",
    "Print server refuses the driver package.", "Driver package on the print server seems corrupted for this model.",
    "Driver re-published on the print server; the printer installs from the list again."),
  t("incident", "Email", "low", "medium", "Outlook keeps asking for my password",
    "Outlook pops up a password window every few minutes. I type my password and it comes back.",
    "Could you try signing out of Office (File > Office account > Sign out) and back in?", "Done, it still asks.",
    "Token cache issue not fixed by the usual reset.", "Credential manager cleared and profile recreated, still prompting. Conditional access logs needed.",
    "Stale credentials removed from Credential Manager and the Outlook profile recreated. No more prompts."),
  t("incident", "Email", "low", "low", "Outlook search returns no results since the update",
    "Searching my mailbox finds nothing, even for emails I can see in the inbox.",
    "Is it the same in Outlook on the web?", "No, search works on the web.",
    "Index rebuild did not help.", "Windows Search index rebuilt twice; Outlook still not indexed.",
    "Windows Search service repaired and the index rebuilt overnight; search works again."),
  t("incident", "Email", "medium", "medium", "Shared mailbox not visible in Outlook",
    "The shared mailbox for accounting no longer appears in my Outlook since yesterday.",
    "Do you still see it in Outlook on the web?", "No, not there either.",
    "Permissions on the mailbox need an Exchange admin.", "User still in the access group, but full access permission missing on the mailbox.",
    "Full access permission restored; the mailbox reappears after restarting Outlook."),
  t("incident", "Hardware", "medium", "high", "Laptop shows a BitLocker recovery screen after the update",
    "After last night's Windows update my laptop asks for a BitLocker recovery key and I cannot work.",
    "Please read me the key ID shown on the screen (first 8 characters).", "It starts with 4F2A91C0.",
    "Recovery key not found in AD for this device.", "Key not escrowed in AD; checking the MBAM/Intune backups.",
    "Recovery key found in Intune and given by phone; the TPM was re-sealed so it will not ask again."),
  t("incident", "Hardware", "low", "low", "Laptop battery drains in about an hour",
    "My laptop battery, which used to last all day, is now empty in about an hour.",
    "How old is the laptop? Could you run the battery report (powercfg /batteryreport)?", "About three years. Report says 38% of design capacity.",
    "Battery replacement needs a warranty claim.", "Battery health 38%; still under extended warranty.",
    "Battery replaced under warranty."),
  t("incident", "Hardware", "low", "medium", "Second monitor not detected on the docking station",
    "When I plug my laptop into the dock, only one of my two monitors works.",
    "Does the second monitor work if you plug it directly into the laptop?", "Yes, directly it works.",
    "Dock firmware issue across several users.", "Dock firmware 1.0.12; known issue fixed in 1.0.18.",
    "Dock firmware updated to 1.0.18; both monitors detected."),
  t("incident", "Accounts & access", "medium", "high", "Account locked after changing my password",
    "I changed my password this morning and my account is now locked every few minutes.",
    "Do you have a phone or tablet that syncs your mailbox with the old password?", "Yes, my phone, I had forgotten it.",
    "Lockouts continue from an unknown source.", "Lockout source is a server, not a phone: needs the AD audit logs.",
    "Old password removed from the mobile mail app and a mapped drive; account unlocked, no further lockouts."),
  t("incident", "Software", "medium", "medium", "Excel crashes when opening the monthly budget file",
    "Excel closes without any message when I open the monthly budget workbook. Other files open fine.",
    "Can you send me the exact file name and its size?", "Budget_2025_consolidated.xlsx, about 48 MB.",
    "Crash reproduced on a clean machine; needs deeper analysis.", "Crash in a third-party add-in; reproduced on a test VM.",
    "The outdated reporting add-in was updated; the workbook opens normally."),
  t("incident", "Software", "low", "medium", "Teams camera not working in meetings",
    "My camera works in the Windows Camera app but Teams shows a black image.",
    "Which camera is selected in Teams > Settings > Devices?", "The integrated one.",
    "Privacy policy seems to block camera access for Teams.", "GPO blocks camera for desktop apps on this OU.",
    "Camera access for desktop apps allowed by policy; Teams shows the picture again."),
  t("incident", "Network", "medium", "medium", "Wi-Fi very slow in a meeting room",
    "In the large meeting room on the 2nd floor the Wi-Fi is so slow that video calls freeze.",
    "Does it happen at a particular time of day, or always?", "Mostly during meetings with many people.",
    "Access point capacity; needs a Wi-Fi survey.", "One AP serves the room; channel saturated at 40 clients.",
    "A second access point was installed and channels re-planned; calls are smooth now."),
  t("incident", "Software", "high", "high", "Payroll export fails with error 0x80004005",
    "The monthly payroll export stops with error 0x80004005. Payroll must be sent to the bank tomorrow.",
    "Did the export work last month on the same computer?", "Yes, nothing changed on my side.",
    "Application server error; needs the application team.", "Error occurs server side, not on the workstation; service account password expired?",
    "The service account's expired password was renewed; the export runs again."),
  t("incident", "Email", "medium", "medium", "Emails to a partner bounce with 550 5.7.1",
    "Emails I send to our logistics partner come back with \"550 5.7.1 message rejected\".",
    "Can you forward me one of the bounce messages as an attachment?", "Forwarded just now.",
    "Mail flow issue on the gateway side.", "Partner rejects on SPF; our new mail relay IP is missing from the SPF record.",
    "The new relay was added to the SPF record; the partner receives our emails again."),
  t("incident", "Network", "medium", "high", "Cannot access the Finance shared drive",
    "The S: drive shows \"network path not found\" since this morning.",
    "Can you open \\\\files\\finance from the Run window (Win+R)?", "No, same error.",
    "File server share unavailable for one site.", "Share reachable from Paris, not from this site: DFS referral issue.",
    "DFS referral order corrected for the site; the drive maps again."),
  t("incident", "Hardware", "low", "medium", "No sound in the headset during phone calls",
    "My headset works for music but callers cannot hear me and I cannot hear them on the softphone.",
    "Which audio device is selected in the softphone settings?", "It says \"Default device\".",
    "Softphone audio routing issue.", "Headset firmware and softphone version mismatch.",
    "Headset selected explicitly in the softphone and its firmware updated; calls work."),
  t("incident", "Software", "medium", "low", "CRM very slow to load opportunities",
    "Opening the opportunities list in the CRM takes more than a minute.",
    "Is it slow for your colleagues too, or only for you?", "The whole sales team in my office.",
    "Performance issue on the integration; needs N2.", "Slowness only through the proxy; direct access is fast.",
    "The CRM domain was excluded from SSL inspection on the proxy; lists load in two seconds."),
  t("request", "Accounts & access", "low", "low", "Access to the Finance shared folder for a new team member",
    "Please give read/write access to the Finance shared folder to our new colleague starting on Monday.",
    "Could you confirm that the folder owner approves this access?", "Approved by the Finance director, email forwarded.",
    "Folder ACLs managed by N2.", "Approval received; needs a change to the folder's security group.",
    "Added to the Finance folder security group; access effective at next sign-in."),
  t("request", "Hardware", "medium", "medium", "New laptop for a new starter",
    "A new project manager joins on the 1st. Please prepare a standard laptop with docking station.",
    "Which department and cost centre should it be charged to?", "Operations, cost centre 4120.",
    "Stock empty for the standard model; purchasing needed.", "No standard laptop in stock; order via procurement.",
    "Laptop prepared, enrolled and handed over with its dock."),
  t("request", "Software", "low", "low", "Install Adobe Acrobat Pro",
    "I need Acrobat Pro to edit and sign contracts.",
    "A licence must be approved by your manager. Who should approve it?", "My manager, she agreed by email.",
    "Licence assignment needs the software asset team.", "Manager approval received; licence to assign in the admin console.",
    "Licence assigned and Acrobat Pro installed from Software Center."),
  t("request", "Accounts & access", "medium", "medium", "Create accounts for a new employee",
    "Please create the accounts (Windows, email, CRM) for a new sales representative starting next week.",
    "Please send the onboarding form signed by HR.", "Form attached.",
    "CRM profile creation is handled by N2.", "Windows and email accounts created; CRM profile pending.",
    "All accounts created; credentials handed to the manager."),
  t("request", "Hardware", "low", "low", "Request for a second monitor",
    "Could I get a second monitor for my desk? I work on large spreadsheets all day.",
    "Is your desk equipped with a docking station already?", "Yes, there is a dock.",
    "Out of stock at N1 level.", "No 24\" monitor in local stock.",
    "A 24\" monitor was delivered and installed."),
  t("request", "Software", "low", "medium", "Access to the Power BI sales dashboards",
    "I need access to the \"Sales dashboards\" workspace in Power BI for the quarterly review.",
    "Which role do you need: viewer or contributor?", "Viewer is enough.",
    "Workspace permissions need the BI admins.", "Viewer role requested; workspace managed by the BI team.",
    "Viewer access granted on the workspace."),
  t("request", "Accounts & access", "medium", "high", "Remove all access for a departing employee",
    "An employee leaves on Friday evening. Please disable all access at 18:00.",
    "Should the mailbox be forwarded to the manager?", "Yes, forward to the manager for three months.",
    "Application accounts must be removed by N2.", "AD account scheduled to disable; application access list attached.",
    "Accounts disabled at 18:00, mailbox forwarded, laptop collected."),
  t("request", "Email", "low", "low", "Create a distribution list for the project team",
    "Please create a distribution list for the new warehouse project, with the seven people listed below.",
    "What address would you like for the list?", "project-warehouse@ would be perfect.",
    "Distribution lists are created by N2.", "Name checked, no conflict.",
    "List created with its seven members; external senders blocked."),
  t("request", "Hardware", "low", "medium", "Replace a broken headset",
    "The microphone of my headset is broken (cable damaged). I have many calls every day.",
    "Could you bring the broken headset to the IT desk?", "I will drop it off this afternoon.",
    "No replacement headset in stock.", "Out of stock; order needed.",
    "New headset handed over; the old one recycled."),
  t("request", "Accounts & access", "low", "medium", "Password reset for my Windows account",
    "I forgot my Windows password after my holidays and cannot sign in.",
    "I will call you to verify your identity. What number can I reach you on?", "My mobile, the one in the directory.",
    "Identity check failed; needs a supervisor's approval.", "Caller could not answer the security questions.",
    "Identity verified by phone; temporary password given, change forced at next sign-in."),
  t("request", "Network", "low", "medium", "Guest Wi-Fi access for visiting auditors",
    "Four external auditors will be on site from Tuesday to Friday and need internet access.",
    "Please send their names and the dates of the visit.", "Names and dates in the attached list.",
    "Guest portal vouchers longer than one day need N2.", "Four-day vouchers needed.",
    "Guest vouchers valid four days created and sent to the host."),
  t("request", "Other", "high", "medium", "Technical support for the board meeting",
    "The board meets on Thursday at 9:00 with two remote participants. Please make sure the room video system works.",
    "Will the remote participants join through Teams or through another tool?", "Teams, invitations already sent.",
    "Room system firmware must be checked by N2.", "Room system shows a firmware warning.",
    "Room system updated and tested; a technician stayed for the first 15 minutes of the meeting."),
];

export const PENDING_NOTES = {
  requester: "Waiting for the requester's answer.",
  third_party: "Vendor case opened; waiting for their engineer.",
  change: "Fix planned in the next change window (Thursday 20:00).",
} as const;

export const N3_REASONS = [
  "Root cause looks like a product defect; needs engineering.",
  "Requires a change on core infrastructure (firewall, AD or mail gateway).",
  "Same symptom on several sites: investigate at platform level.",
];

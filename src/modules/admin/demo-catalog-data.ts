import type { z } from "zod";
import type { itemSchema } from "../catalog";

/** The demo's equipment and service catalog: who reports to whom, what they use, what they can order. No logic here. */

export const FACILITIES_GROUP = "Facilities";

/** Employee -> manager (who approves their catalog requests). The head of the executive office reports to nobody. */
export const MANAGERS: Record<string, string> = {
  "claire.martin": "olivier.lefebvre",
  "priya.sharma": "claire.martin",
  "james.wilson": "olivier.lefebvre",
  "thomas.dubois": "james.wilson",
  "emma.thompson": "olivier.lefebvre",
  "sophie.bernard": "emma.thompson",
  "karim.benali": "olivier.lefebvre",
  "david.nguyen": "karim.benali",
  "lucas.moreau": "karim.benali",
  "sarah.cohen": "olivier.lefebvre",
  "amelie.laurent": "olivier.lefebvre",
  "isabelle.mercier": "olivier.lefebvre",
  "julie.petit": "isabelle.mercier",
  "mehdi.haddad": "isabelle.mercier",
  "antoine.roux": "isabelle.mercier",
  "laura.fontaine": "isabelle.mercier",
  "nicolas.garnier": "isabelle.mercier",
  "hannah.becker": "isabelle.mercier",
  "marc.girard": "karim.benali",
};

export interface Model {
  manufacturer: string;
  model: string;
}

export const LAPTOPS: Model[] = [
  { manufacturer: "Lenovo", model: "ThinkPad T14 Gen 4" },
  { manufacturer: "Dell", model: "Latitude 7440" },
  { manufacturer: "HP", model: "EliteBook 840 G10" },
];
/** The departments that work on Macs (design tools). */
export const MAC_DEPARTMENTS = ["Marketing", "Communication"];
export const MAC: Model = { manufacturer: "Apple", model: "MacBook Pro 14\"" };
export const STOCK_LAPTOP: Model = { manufacturer: "Lenovo", model: "ThinkPad T14 Gen 5" };
export const MONITOR: Model = { manufacturer: "Dell", model: "P2423D 24\"" };
export const PHONES: Model[] = [{ manufacturer: "Apple", model: "iPhone 15" }, { manufacturer: "Samsung", model: "Galaxy A55" }];

/** Frequent travellers: no desk monitor. Everyone else has one. */
export const NO_MONITOR = ["james.wilson", "thomas.dubois", "priya.sharma"];
export const PHONE_OWNERS = ["olivier.lefebvre", "james.wilson", "thomas.dubois", "karim.benali", "isabelle.mercier"];
export const STOCK = { laptops: 6, monitors: 2, location: "Paris - La Défense" };

export const PRINTERS: { tag: string; name: string; location: string; model: Model }[] = [
  { tag: "PRN-PAR-3B", name: "3rd floor printer (kitchen)", location: "Paris - La Défense", model: { manufacturer: "HP", model: "LaserJet Enterprise M611" } },
  { tag: "PRN-LYO-1A", name: "1st floor printer", location: "Lyon - Part-Dieu", model: { manufacturer: "Canon", model: "imageRUNNER C3226i" } },
  { tag: "PRN-LON-2", name: "2nd floor printer", location: "London - Canary Wharf", model: { manufacturer: "HP", model: "LaserJet Enterprise M611" } },
  { tag: "PRN-MRS-1", name: "Open space printer", location: "Marseille - Euroméditerranée", model: { manufacturer: "Brother", model: "HL-L6410DN" } },
  { tag: "PRN-NTE-1", name: "Reception printer", location: "Nantes - Île de Nantes", model: { manufacturer: "Brother", model: "HL-L6410DN" } },
];

/** Assets whose warranty ends soon (days from now), so the warranty filter and digest have something to show. */
export const WARRANTY_SOON: Record<string, number> = { "laptop:claire.martin": 12, "laptop:karim.benali": 21, "PRN-LYO-1A": 27 };
/** An old laptop, out of warranty for a year and a half: why its owner orders a new one. */
export const WARRANTY_EXPIRED: Record<string, number> = { "laptop:priya.sharma": -540 };

/** The employee whose laptop keeps failing (three incidents this month: the asset page's warning). */
export const FLAKY_LAPTOP_OWNER = "thomas.dubois";

/** Replayed incidents that are about the requester's laptop: they name it, as the portal's device picker does. */
export const LAPTOP_INCIDENTS = new Set([
  "Laptop shows a BitLocker recovery screen after the update",
  "Laptop battery drains in about an hour",
  "Second monitor not detected on the docking station",
  "Cannot add the office printer on my laptop",
  "Teams camera not working in meetings",
]);

export const CATALOG_CATEGORIES = [
  { name: "Hardware", description: "Computers, screens and phones: new equipment, repairs and replacements." },
  { name: "Software", description: "Installing software on your computer, with its licence." },
  { name: "Access", description: "Accounts and permissions on the business applications." },
  { name: "Arrivals & departures", description: "Everything a newcomer needs on day one." },
];

/** An item as the admin would type it: names of categories, groups, approver and asset type instead of ids. */
export type DemoItem = Omit<z.input<typeof itemSchema>, "categoryId" | "groupId" | "approverId" | "tasks" | "fulfilAssetTypeId"> & {
  key: "laptop" | "software" | "access" | "repair" | "arrival";
  category: string;
  group: string;
  approver?: string;
  tasks?: { title: string; group: string }[];
  fulfilType?: string;
};

export const CATALOG_ITEMS: DemoItem[] = [
  {
    key: "laptop", name: "New laptop", category: "Hardware", icon: "laptop", group: "N1 Service Desk", position: 1,
    description: "A laptop prepared with the company's applications, encrypted and ready to use. Your manager approves the order; the Service Desk hands it over.",
    approval: "manager", approver: "isabelle.mercier", fulfilType: "laptop",
    fields: [
      { name: "model", label: "Model", type: "choice", required: true, help: "The standard model suits most office work.",
        options: ["Standard 14\" laptop", "Performance 15\" laptop (developers, designers)", "Light 13\" laptop (frequent travellers)"] },
      { name: "needed_by", label: "Needed by", type: "date", required: true, help: "Allow about five working days to prepare a laptop." },
      { name: "justification", label: "Why do you need it?", type: "longtext", required: true, help: "A new role, a broken or outdated laptop... Your manager reads this." },
      { name: "docking", label: "I also need a docking station", type: "boolean", help: "A dock with two screen outputs for your desk." },
    ],
  },
  {
    key: "software", name: "Software installation", category: "Software", icon: "software", group: "N1 Service Desk", position: 1,
    description: "Have a piece of software installed on your computer. Paid software needs a licence, which your manager approves.",
    approval: "manager", approver: "isabelle.mercier",
    fields: [
      { name: "software", label: "Software name and version", type: "text", required: true, help: "As the publisher names it, e.g. Microsoft Visio 2021." },
      { name: "licence", label: "A paid licence is needed", type: "boolean", help: "Tick if the software is not free; we order the licence for you." },
      { name: "device", label: "Install it on", type: "asset", required: true, assetTypes: ["laptop", "desktop"], help: "Your laptop or desktop computer." },
      { name: "purpose", label: "What is it for?", type: "longtext", help: "Optional: helps us suggest an application we already have." },
    ],
  },
  {
    key: "access", name: "Access to an application", category: "Access", icon: "key", group: "N2 Support", position: 1,
    description: "Get an account or more rights on a business application. The IT manager approves every access request.",
    approval: "named", approver: "isabelle.mercier",
    fields: [
      { name: "application", label: "Application", type: "choice", required: true, help: "Not in the list? Use \"Report a problem\" and tell us which one.",
        options: ["CRM", "Payroll", "Power BI", "SAP Finance", "SharePoint project sites"] },
      { name: "access_level", label: "Access level", type: "choice", required: true, options: ["Read only", "Contributor", "Administrator"],
        help: "Ask for the lowest level that lets you do your work." },
      { name: "reason", label: "Why do you need it?", type: "longtext", required: true, help: "The approver reads this." },
    ],
  },
  {
    key: "repair", name: "Replace or repair my equipment", category: "Hardware", icon: "wrench", group: "N1 Service Desk", position: 2,
    description: "Something of yours is broken or keeps failing: we repair it, or lend you a replacement meanwhile.",
    approval: "none",
    fields: [
      { name: "device", label: "Which device?", type: "asset", required: true, help: "Pick it from your equipment." },
      { name: "problem", label: "What's wrong?", type: "longtext", required: true, help: "What happens, since when, and whether it was dropped or got wet." },
    ],
  },
  {
    key: "arrival", name: "New employee arrival", category: "Arrivals & departures", icon: "person", group: "N1 Service Desk", position: 1,
    description: "Get a newcomer's laptop, accounts and badge ready before their first day. Their manager approves; three teams do the work.",
    approval: "manager", approver: "isabelle.mercier",
    fields: [
      { name: "new_hire_name", label: "New hire's full name", type: "text", required: true, help: "As on their employment contract." },
      { name: "start_date", label: "First day", type: "date", required: true, help: "Ask at least ten working days ahead: badges and accounts take time." },
      { name: "manager", label: "Their manager", type: "user", required: true, help: "Type a name or a username." },
      { name: "department", label: "Department", type: "text", required: true },
      { name: "needs_laptop", label: "Needs a laptop", type: "boolean", help: "Leave unticked if they take over a colleague's." },
    ],
    tasks: [
      { title: "Prepare the laptop", group: "N1 Service Desk" },
      { title: "Create the accounts", group: "N2 Support" },
      { title: "Activate the badge", group: FACILITIES_GROUP },
    ],
  },
];

/**
 * The demo knowledge base: what the IT desk of a French company with a London office
 * has written (in French or in English, as the author wrote it, the way a bilingual
 * desk does), with its categories and its known error.
 */

export interface DemoCategory {
  key: "printing" | "accounts" | "network" | "workstation" | "known";
  name: string;
  description: string;
}

export const KB_DEMO_CATEGORIES: DemoCategory[] = [
  { key: "printing", name: "Printing / Impression", description: "Printers, copiers and scanners · Imprimantes, copieurs et scanners" },
  { key: "accounts", name: "Accounts & passwords / Comptes et mots de passe", description: "Signing in, passwords, two-factor authentication · Connexion, mots de passe, double authentification" },
  { key: "network", name: "Network & VPN / Réseau et VPN", description: "Wi-Fi, VPN, network drives · Wi-Fi, VPN, lecteurs réseau" },
  { key: "workstation", name: "Workstation / Poste de travail", description: "Laptops, screens, docking stations, Teams · Portables, écrans, stations d’accueil, Teams" },
  { key: "known", name: "Known errors / Erreurs connues", description: "Problems we know about, and how to keep working meanwhile · Problèmes connus et comment continuer à travailler" },
];

export interface DemoArticle {
  title: string;
  summary: string | null;
  body: string;
  category: DemoCategory["key"];
  tags: string[];
  audience: "everyone" | "agents";
  status: "published" | "draft";
  author: string;
  /** How long ago it was written. */
  daysAgo: number;
}

export const KB_DEMO_ARTICLES: DemoArticle[] = [
  {
    title: "Imprimante : le document reste bloqué dans la file d’impression", category: "printing", tags: ["imprimante", "impression"], audience: "everyone",
    status: "published", author: "julie.petit", daysAgo: 55, summary: "Vider la file d’impression et relancer le document en deux minutes.",
    body: "## Symptômes\n\nVous lancez une impression, rien ne sort et le document reste « en attente » ou « erreur » dans la file.\n\n" +
      "## Solution\n\n1. Ouvrez **Paramètres › Bluetooth et appareils › Imprimantes et scanners**.\n2. Choisissez l’imprimante, puis **Ouvrir la file d’attente**.\n" +
      "3. Clic droit sur le document bloqué › **Annuler**. Faites de même pour les documents suivants.\n4. Relancez l’impression.\n\n" +
      "Si la file ne se vide pas, redémarrez le poste : le service d’impression repart avec une file vide.\n\n" +
      "## Toujours bloqué ?\n\nNotez le nom de l’imprimante (étiquette **PRN-…** sur le capot) et signalez-le : un technicien relance le serveur d’impression.",
  },
  {
    title: "Printer: jobs stuck in the queue", category: "printing", tags: ["printer", "printing"], audience: "everyone", status: "published",
    author: "hannah.becker", daysAgo: 54, summary: "Clear the print queue and send the document again.",
    body: "## What you see\n\nYou print, nothing comes out, and the document shows **Pending** or **Error** in the queue.\n\n" +
      "## Fix it\n\n1. Open **Settings › Bluetooth & devices › Printers & scanners**.\n2. Pick the printer, then **Open print queue**.\n" +
      "3. Right-click the stuck job › **Cancel**, and the jobs behind it too.\n4. Print again.\n\n" +
      "If the queue will not empty, restart your computer: the print service starts again with an empty queue.\n\n" +
      "## Still stuck?\n\nNote the printer's tag (**PRN-…** on its cover) and report it: a technician restarts the print server.",
  },
  {
    title: "Scan to email: where do my scans go?", category: "printing", tags: ["scanner", "copier"], audience: "everyone", status: "published",
    author: "hannah.becker", daysAgo: 40, summary: null,
    body: "Copiers send scans to **your own mailbox** only. Pick **Scan › Send to me** and badge in first.\n\n" +
      "| Setting | Best for |\n|:--|:--|\n| 200 dpi, PDF | Letters, forms |\n| 300 dpi, colour | Photos, brochures |\n\n" +
      "Scans over 10 MB are refused by the mail server: split long documents.",
  },
  {
    title: "Serveur d’impression : relancer le spouleur sur PRN-SRV01", category: "printing", tags: ["imprimante", "serveur", "spouleur"], audience: "agents",
    status: "published", author: "nicolas.garnier", daysAgo: 30, summary: "Procédure N2 quand plusieurs files sont bloquées sur un site.",
    body: "À faire quand **plusieurs** utilisateurs d’un même site ont des documents bloqués (sinon, voir l’article destiné aux employés).\n\n" +
      "1. Connexion RDP à `PRN-SRV01` avec le compte d’administration.\n2. En PowerShell :\n\n```powershell\nStop-Service Spooler\n" +
      "Remove-Item C:\\Windows\\System32\\spool\\PRINTERS\\* -Force\nStart-Service Spooler\n```\n\n" +
      "3. Vérifiez qu’une page de test sort sur l’imprimante du site.\n4. Notez l’intervention dans le ticket parent.",
  },
  {
    title: "Réinitialiser son mot de passe Windows", category: "accounts", tags: ["mot de passe", "compte"], audience: "everyone", status: "published",
    author: "julie.petit", daysAgo: 80, summary: "Depuis le portail, sans appeler le support.",
    body: "Votre mot de passe expire tous les 90 jours. Dix jours avant, Windows vous prévient.\n\n" +
      "1. Appuyez sur **Ctrl + Alt + Suppr**, puis **Modifier un mot de passe**.\n2. Saisissez l’ancien puis deux fois le nouveau.\n\n" +
      "Un bon mot de passe compte **au moins 12 caractères** : une phrase courte fait très bien l’affaire.\n\n" +
      "Mot de passe oublié ? Utilisez le lien **Mot de passe oublié** de la page de connexion : un code arrive sur votre téléphone.",
  },
  {
    title: "Compte verrouillé après plusieurs essais", category: "accounts", tags: ["compte", "mot de passe"], audience: "everyone", status: "published",
    author: "mehdi.haddad", daysAgo: 25, summary: null,
    body: "Après **cinq essais** erronés, le compte se verrouille pendant **30 minutes**, puis se déverrouille seul.\n\n" +
      "Souvent, c’est un ancien mot de passe resté enregistré sur le téléphone (messagerie) qui fait les essais à votre place : " +
      "mettez-le à jour dans l’application de messagerie du téléphone.\n\nBesoin de travailler tout de suite ? Appelez le support au **19 00**.",
  },
  {
    title: "Set up two-factor authentication on a new phone", category: "accounts", tags: ["mfa", "phone"], audience: "everyone", status: "published",
    author: "hannah.becker", daysAgo: 20, summary: "Move the authenticator app before you reset the old phone.",
    body: "## Before you change phones\n\nKeep the old phone until the new one works: it still gets your codes.\n\n" +
      "## Steps\n\n1. Install the authenticator app on the new phone.\n2. Sign in at **mysignins** with the old phone's code.\n" +
      "3. **Security info › Add method › Authenticator app**, scan the QR code with the new phone.\n4. Delete the old phone from the list.\n\n" +
      "Lost the old phone? Ask the desk for a one-day access code.",
  },
  {
    title: "Connect to the VPN from home", category: "network", tags: ["vpn", "remote"], audience: "everyone", status: "published",
    author: "antoine.roux", daysAgo: 70, summary: "What you need to reach the network drives and internal sites from outside.",
    body: "1. Connect to your home Wi-Fi first.\n2. Open **GlobalProtect** from the taskbar and click **Connect**.\n" +
      "3. Approve the request on your phone.\n\nOnce connected, the network drives (P:, S:) come back within a minute.\n\n" +
      "> The VPN is not needed for email, Teams or OneDrive: they work on any internet connection.",
  },
  {
    title: "Wi-Fi invités : obtenir le code du jour", category: "network", tags: ["wi-fi", "invités"], audience: "everyone", status: "published",
    author: "julie.petit", daysAgo: 60, summary: null,
    body: "Le réseau **Invites-Niveau** change de code chaque matin à 7 h.\n\n" +
      "- À l’accueil : le code est affiché derrière le comptoir.\n- Sur le portail : page d’accueil, encadré **Wi-Fi invités**.\n\n" +
      "Les postes de l’entreprise n’ont pas besoin de ce réseau : ils se connectent seuls à **Niveau-Corp**.",
  },
  {
    title: "Lecteur réseau P: absent après la connexion", category: "network", tags: ["lecteur réseau", "partage"], audience: "everyone", status: "published",
    author: "laura.fontaine", daysAgo: 35, summary: "Reconnecter le lecteur en une commande.",
    body: "Le lecteur **P:** (dossier de votre service) n’apparaît plus dans l’explorateur ? Souvent, le poste s’est connecté avant le réseau.\n\n" +
      "1. Vérifiez que vous êtes au bureau ou connecté au VPN.\n2. Ouvrez l’explorateur, clic droit sur **Ce PC › Connecter un lecteur réseau**.\n" +
      "3. Lettre **P:**, dossier `\\\\fichiers\\services`, cochez **Se reconnecter à la connexion**.\n\nLe lecteur revient aussi après un redémarrage.",
  },
  {
    title: "Docking station: the second screen stays black", category: "workstation", tags: ["docking station", "screen"], audience: "everyone",
    status: "published", author: "antoine.roux", daysAgo: 45, summary: null,
    body: "1. Press **Windows + P** and choose **Extend**.\n2. Unplug the docking station's USB-C cable, wait ten seconds, plug it back.\n" +
      "3. Still black? Check the screen's input (**HDMI** or **DisplayPort**) with its own menu button.\n\n" +
      "Laptops from before 2022 drive only one extra screen through the docking station.",
  },
  {
    title: "Écran noir au démarrage du portable", category: "workstation", tags: ["écran", "portable"], audience: "everyone", status: "published",
    author: "mehdi.haddad", daysAgo: 15, summary: "Le portable s’allume mais l’écran reste noir.",
    body: "## Avant tout\n\nLe voyant d’alimentation est allumé mais l’écran reste noir ? Ce n’est souvent pas une panne.\n\n" +
      "1. Appuyez sur **Windows + Ctrl + Maj + B** : le pilote graphique redémarre (un bip, l’écran clignote).\n" +
      "2. Sinon, maintenez le bouton d’alimentation **10 secondes**, puis rallumez.\n3. Débranchez la station d’accueil et essayez sans.\n\n" +
      "Si l’écran reste noir sans station d’accueil, apportez le portable au support : un portable de prêt vous attend.",
  },
  {
    title: "Teams has no sound in calls", category: "workstation", tags: ["teams", "headset"], audience: "everyone", status: "published",
    author: "hannah.becker", daysAgo: 10, summary: null,
    body: "In a call, click **More › Settings › Device settings** and pick your headset for both **Speaker** and **Microphone**.\n\n" +
      "Before an important meeting, use **Make a test call**: you hear yourself back after a few seconds.\n\n" +
      "A headset on the docking station sometimes vanishes after sleep: plug it into the laptop itself.",
  },
  {
    title: "Outlook : archiver sa boîte aux lettres", category: "workstation", tags: ["outlook", "messagerie"], audience: "everyone", status: "draft",
    author: "laura.fontaine", daysAgo: 3, summary: "Brouillon : à relire avec l’équipe messagerie.",
    body: "La boîte aux lettres est limitée à **50 Go**. Les messages de plus de deux ans partent dans l’**archive en ligne**.\n\n" +
      "À compléter : captures de l’assistant d’archivage, cas des boîtes partagées.",
  },
];

/** A problem the desk already knows: its workaround becomes the known-error article (through the real commands). */
export const KB_DEMO_PROBLEM = {
  title: "VPN disconnects every hour on the Lyon site",
  description: "Since the firewall update, VPN sessions from Lyon drop after about 60 minutes and must be reopened. Other sites are not affected.",
  workaround: "Open GlobalProtect, choose the \"Paris\" gateway instead of \"Best available\" and reconnect. Sessions then last the whole day.",
  author: "antoine.roux",
  daysAgo: 6,
};

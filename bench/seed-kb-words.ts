/**
 * Words of the knowledge-base bench articles: a bilingual desk's vocabulary (French with
 * its accents, English) by topic, as a real knowledge base has it: a printing article
 * speaks of printers, a VPN article of the network, and the few words every article
 * shares ("restart", "check") are little words or general advice. So a search for
 * "imprimante" matches the share of articles a real one would, not half of them.
 */

export interface Topic {
  /** What the article is about ("l’imprimante"). */
  subjects: readonly string[];
  /** What goes wrong ("reste bloquée"): after the subject in a sentence. */
  symptoms: readonly string[];
  causes: readonly string[];
  /** What a step acts on ("le service d’impression"). */
  objects: readonly string[];
  /** Topic sentences to lengthen the article. */
  notes: readonly string[];
}

export interface Lang {
  topics: readonly Topic[];
  titles: readonly ((s: string, y: string) => string)[];
  headings: { symptoms: string; cause: string; steps: string; more: string };
  intro: readonly ((s: string, y: string) => string)[];
  verbs: readonly string[];
  /** General advice, no topic words in it. */
  filler: readonly string[];
  summaries: readonly ((s: string) => string)[];
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export const FR: Lang = {
  topics: [
    { subjects: ["l’imprimante", "l’imprimante multifonction", "le copieur du couloir"], symptoms: ["reste bloquée", "n’imprime plus", "affiche « bourrage papier »", "imprime des pages blanches"],
      causes: ["La file d’impression contient un document corrompu.", "Le bac papier est mal engagé.", "Le toner est presque vide."],
      objects: ["le service d’impression", "la file d’impression", "le bac papier", "le pilote de l’imprimante"], notes: ["Le document reste en attente tant que la file n’est pas vidée.", "Le voyant orange indique un bourrage ou un capot ouvert."] },
    { subjects: ["le scanner", "la numérisation vers e-mail"], symptoms: ["n’envoie plus les documents", "produit des fichiers illisibles"],
      causes: ["L’adresse d’envoi n’est plus autorisée par le serveur de messagerie.", "La résolution choisie est trop élevée."],
      objects: ["le carnet d’adresses du scanner", "les réglages de numérisation"], notes: ["Les fichiers numérisés de plus de 10 Mo sont refusés."] },
    { subjects: ["l’écran", "le deuxième écran", "l’écran du portable"], symptoms: ["affiche un écran noir", "reste noir au réveil", "scintille", "n’est pas détecté"],
      causes: ["La carte graphique ne reconnaît pas la résolution de l’écran.", "Le câble vidéo est mal branché.", "Le pilote graphique a été remplacé par la mise à jour."],
      objects: ["le câble de l’écran", "le pilote de la carte graphique", "les paramètres d’affichage"], notes: ["Un écran noir ne signifie pas toujours une panne matérielle.", "Appuyez sur Windows + P pour choisir le mode d’affichage."] },
    { subjects: ["la station d’accueil", "le câble HDMI", "le vidéoprojecteur"], symptoms: ["ne détecte pas le portable", "coupe le réseau", "n’affiche rien en salle de réunion"],
      causes: ["Le micrologiciel de la station d’accueil est ancien.", "L’adaptateur USB-C ne fournit pas assez de puissance."],
      objects: ["la station d’accueil", "l’adaptateur USB-C", "l’entrée vidéo du projecteur"], notes: ["Les salles de réunion ont un adaptateur dans le tiroir."] },
    { subjects: ["le VPN", "le client VPN", "l’accès à distance"], symptoms: ["refuse la connexion", "se déconnecte toutes les heures", "reste sur « connexion en cours »"],
      causes: ["Le certificat du client VPN a expiré.", "La box du domicile bloque le protocole utilisé.", "L’horloge du portable est décalée."],
      objects: ["le client VPN", "le certificat utilisateur", "la connexion du domicile"], notes: ["Le VPN est obligatoire pour atteindre les lecteurs réseau depuis l’extérieur."] },
    { subjects: ["le Wi-Fi", "le Wi-Fi des invités", "la connexion sans fil"], symptoms: ["perd la connexion", "est très lent", "demande un code à chaque fois"],
      causes: ["Le portable reste accroché à une borne éloignée.", "Le code invité du jour a changé."],
      objects: ["la carte Wi-Fi", "le réseau enregistré", "le mode avion"], notes: ["Le code du Wi-Fi invités change chaque matin à 7 h."] },
    { subjects: ["le lecteur réseau", "le partage de fichiers", "le dossier commun"], symptoms: ["n’apparaît plus", "est en lecture seule", "demande des identifiants"],
      causes: ["Les droits du dossier ont été modifiés.", "Le mappage du lecteur s’est perdu à la reconnexion."],
      objects: ["le lecteur réseau P:", "les droits du dossier", "le chemin du partage"], notes: ["Les droits sont demandés par le responsable du dossier."] },
    { subjects: ["le mot de passe", "le compte Windows", "la session"], symptoms: ["est expiré", "est verrouillé", "demande le mot de passe en boucle"],
      causes: ["Le mot de passe a expiré et la session garde l’ancien.", "Trop d’essais ont verrouillé le compte."],
      objects: ["les identifiants enregistrés", "le portail de réinitialisation", "le gestionnaire d’identification"], notes: ["Un mot de passe compte au moins douze caractères.", "Le compte se déverrouille seul au bout de trente minutes."] },
    { subjects: ["l’authentification à deux facteurs", "l’application d’authentification", "le badge"], symptoms: ["ne reçoit plus les codes", "est refusé à l’entrée", "ne fonctionne plus sur le nouveau téléphone"],
      causes: ["Le téléphone a été changé sans transférer l’application.", "Le badge a été désactivé à la fin du contrat précédent."],
      objects: ["l’application d’authentification", "le numéro de secours", "le badge"], notes: ["L’accueil prête un badge temporaire pour la journée."] },
    { subjects: ["Outlook", "la messagerie", "la boîte aux lettres"], symptoms: ["ne reçoit plus de messages", "est pleine", "reste hors connexion", "plante à l’ouverture"],
      causes: ["Le profil Outlook est corrompu.", "La boîte dépasse son quota.", "Un complément bloque le démarrage."],
      objects: ["le profil Outlook", "les compléments", "l’archivage en ligne"], notes: ["Les messages de plus de deux ans sont archivés automatiquement."] },
    { subjects: ["Teams", "la visioconférence", "l’agenda partagé"], symptoms: ["n’a plus de son", "gèle pendant les appels", "n’affiche pas les réunions"],
      causes: ["Le casque n’est pas choisi comme périphérique audio.", "Le cache de l’application est trop ancien."],
      objects: ["l’application Teams", "les périphériques audio", "le cache de Teams"], notes: ["Testez le son avec un appel de test avant la réunion."] },
    { subjects: ["OneDrive", "SharePoint", "la synchronisation"], symptoms: ["ne se synchronise plus", "affiche des conflits", "manque de place"],
      causes: ["Un nom de fichier contient un caractère interdit.", "Le disque local est plein."],
      objects: ["l’icône OneDrive", "la bibliothèque SharePoint", "les fichiers à la demande"], notes: ["Les fichiers à la demande libèrent de la place sans rien supprimer."] },
    { subjects: ["le portable", "la batterie", "le disque dur"], symptoms: ["ne s’allume plus", "chauffe beaucoup", "se vide en une heure", "fait un bruit anormal"],
      causes: ["La batterie est usée.", "Les aérations sont bouchées.", "Le disque commence à présenter des erreurs."],
      objects: ["les options d’alimentation", "le chargeur", "l’outil de diagnostic du constructeur"], notes: ["Un portable de plus de quatre ans est remplacé par le catalogue."] },
    { subjects: ["le clavier", "la souris", "le casque"], symptoms: ["ne répond plus", "a des touches qui restent enfoncées", "grésille"],
      causes: ["Les piles sont faibles.", "Le récepteur USB est branché sur la station d’accueil."],
      objects: ["le récepteur USB", "les piles", "le port USB"], notes: ["Des claviers et souris de prêt sont disponibles au support."] },
    { subjects: ["la mise à jour", "l’antivirus", "Windows Update"], symptoms: ["échoue", "bloque le redémarrage", "signale une menace"],
      causes: ["Le poste n’a pas redémarré depuis longtemps.", "Un fichier téléchargé est mis en quarantaine."],
      objects: ["Windows Update", "la quarantaine de l’antivirus", "le centre logiciel"], notes: ["Les mises à jour s’installent le mardi soir."] },
    { subjects: ["l’ERP", "le logiciel de paie", "la note de frais"], symptoms: ["affiche une erreur à la validation", "déconnecte la session", "n’ouvre pas l’export"],
      causes: ["La session expire après vingt minutes d’inactivité.", "Le module d’export demande Excel 64 bits."],
      objects: ["le module de validation", "l’export comptable", "les favoris de l’ERP"], notes: ["La paie est close le 20 du mois."] },
    { subjects: ["Excel", "Word", "le lecteur PDF", "le navigateur"], symptoms: ["plante à l’ouverture des gros fichiers", "affiche un avertissement de certificat", "n’ouvre plus les pièces jointes"],
      causes: ["Le fichier est ouvert en mode protégé.", "La licence n’est plus activée.", "Le certificat du site interne a expiré."],
      objects: ["le mode protégé", "l’activation de la licence", "le cache du navigateur"], notes: ["Les sites internes n’acceptent que le navigateur de l’entreprise."] },
  ],
  titles: [
    (s, y) => `${cap(s)} ${y}`, (s, y) => `Que faire si ${s} ${y}`, (s, y) => `${cap(s)} ${y} après la mise à jour`,
    (s) => `Configurer ${s} sur le poste de travail`, (s) => `Réinitialiser ${s}`, (s, y) => `Dépannage : ${s} ${y}`,
  ],
  headings: { symptoms: "Symptômes", cause: "Cause", steps: "Procédure", more: "Pour aller plus loin" },
  intro: [
    (s, y) => `Depuis ce matin, ${s} ${y} et vous ne pouvez plus travailler normalement.`,
    (s, y) => `Plusieurs collègues signalent que ${s} ${y}, surtout en début de journée.`,
    (s, y) => `Il arrive que ${s} ${y} après un redémarrage ou un changement de bureau.`,
  ],
  verbs: ["Redémarrez", "Vérifiez", "Débranchez puis rebranchez", "Ouvrez", "Fermez", "Supprimez", "Réinstallez", "Sélectionnez", "Mettez à jour", "Désactivez puis réactivez"],
  filler: [
    "Cette procédure prend en général moins de cinq minutes.", "Enregistrez votre travail avant de commencer.",
    "Si le problème persiste, notez le message exact et l’heure à laquelle il apparaît.", "Le siège et les agences sont concernés de la même façon.",
    "Aucune donnée n’est perdue pendant cette opération.", "Le support peut prendre la main à distance si vous le souhaitez.",
    "Joignez le message d’erreur à votre demande, cela fait gagner du temps.", "Les techniciens répondent de 8 h à 18 h en semaine.",
  ],
  summaries: [(s) => `Les vérifications simples à faire quand ${s} pose problème.`, (s) => `Procédure pas à pas pour ${s}.`],
};

export const EN: Lang = {
  topics: [
    { subjects: ["the printer", "the multifunction printer", "the corridor copier"], symptoms: ["is stuck", "does not print", "shows a paper jam", "prints blank pages"],
      causes: ["The print queue holds a corrupted document.", "The paper tray is not pushed in.", "The toner is almost empty."],
      objects: ["the print spooler service", "the print queue", "the paper tray", "the printer driver"], notes: ["Jobs wait until the queue is cleared.", "An orange light means a jam or an open cover."] },
    { subjects: ["the scanner", "scan to email"], symptoms: ["no longer sends documents", "makes unreadable files"],
      causes: ["The sender address is no longer allowed by the mail server.", "The chosen resolution is too high."],
      objects: ["the scanner address book", "the scan settings"], notes: ["Scanned files over 10 MB are refused."] },
    { subjects: ["the screen", "the second monitor", "the laptop display"], symptoms: ["shows a black screen", "stays black after sleep", "flickers", "is not detected"],
      causes: ["The graphics card does not recognise the screen resolution.", "The video cable is loose.", "The update replaced the graphics driver."],
      objects: ["the screen cable", "the graphics driver", "the display settings"], notes: ["A black screen does not always mean a hardware failure.", "Press Windows + P to choose the display mode."] },
    { subjects: ["the docking station", "the HDMI cable", "the projector"], symptoms: ["does not detect the laptop", "drops the network", "shows nothing in the meeting room"],
      causes: ["The docking station firmware is old.", "The USB-C adapter does not deliver enough power."],
      objects: ["the docking station", "the USB-C adapter", "the projector input"], notes: ["Meeting rooms keep an adapter in the drawer."] },
    { subjects: ["the VPN", "the VPN client", "remote access"], symptoms: ["refuses to connect", "disconnects every hour", "stays on connecting"],
      causes: ["The VPN client certificate expired.", "The home router blocks the protocol.", "The laptop clock is wrong."],
      objects: ["the VPN client", "the user certificate", "the home connection"], notes: ["The VPN is required to reach network drives from outside."] },
    { subjects: ["the Wi-Fi", "the guest Wi-Fi", "the wireless connection"], symptoms: ["keeps dropping", "is very slow", "asks for a code every time"],
      causes: ["The laptop stays on a distant access point.", "Today's guest code changed."],
      objects: ["the Wi-Fi adapter", "the saved network", "airplane mode"], notes: ["The guest Wi-Fi code changes every morning at 7."] },
    { subjects: ["the network drive", "file sharing", "the shared folder"], symptoms: ["is missing", "is read-only", "asks for credentials"],
      causes: ["The folder permissions were changed.", "The drive mapping was lost on reconnection."],
      objects: ["the P: network drive", "the folder permissions", "the share path"], notes: ["Permissions are requested from the folder owner."] },
    { subjects: ["your password", "your Windows account", "the session"], symptoms: ["has expired", "is locked", "asks for the password again and again"],
      causes: ["The password expired and the session still uses the old one.", "Too many attempts locked the account."],
      objects: ["the saved credentials", "the reset portal", "the credential manager"], notes: ["A password has at least twelve characters.", "The account unlocks itself after thirty minutes."] },
    { subjects: ["two-factor authentication", "the authenticator app", "the badge"], symptoms: ["no longer gets codes", "is refused at the door", "does not work on the new phone"],
      causes: ["The phone was replaced without moving the app.", "The badge was disabled at the end of the previous contract."],
      objects: ["the authenticator app", "the backup number", "the badge"], notes: ["Reception lends a day badge."] },
    { subjects: ["Outlook", "email", "the mailbox"], symptoms: ["receives no mail", "is full", "stays offline", "crashes on start"],
      causes: ["The Outlook profile is corrupted.", "The mailbox is over quota.", "An add-in blocks the start."],
      objects: ["the Outlook profile", "the add-ins", "the online archive"], notes: ["Mail older than two years is archived automatically."] },
    { subjects: ["Teams", "video conferencing", "the shared calendar"], symptoms: ["has no sound", "freezes during calls", "does not show meetings"],
      causes: ["The headset is not chosen as the audio device.", "The app cache is too old."],
      objects: ["the Teams app", "the audio devices", "the Teams cache"], notes: ["Check the sound with a test call before the meeting."] },
    { subjects: ["OneDrive", "SharePoint", "file sync"], symptoms: ["no longer syncs", "shows conflicts", "runs out of space"],
      causes: ["A file name contains a forbidden character.", "The local disk is full."],
      objects: ["the OneDrive icon", "the SharePoint library", "files on demand"], notes: ["Files on demand free space without deleting anything."] },
    { subjects: ["the laptop", "the battery", "the hard drive"], symptoms: ["does not start", "runs hot", "drains in an hour", "makes a strange noise"],
      causes: ["The battery is worn.", "The vents are blocked.", "The disk starts showing errors."],
      objects: ["the power options", "the charger", "the maker's diagnostic tool"], notes: ["Laptops over four years old are replaced through the catalog."] },
    { subjects: ["the keyboard", "the mouse", "the headset"], symptoms: ["stops responding", "has stuck keys", "crackles"],
      causes: ["The batteries are low.", "The USB receiver is plugged into the docking station."],
      objects: ["the USB receiver", "the batteries", "the USB port"], notes: ["Loan keyboards and mice are available at the desk."] },
    { subjects: ["the update", "the antivirus", "Windows Update"], symptoms: ["fails", "blocks the restart", "reports a threat"],
      causes: ["The computer has not restarted for a long time.", "A downloaded file was quarantined."],
      objects: ["Windows Update", "the antivirus quarantine", "the software center"], notes: ["Updates install on Tuesday evenings."] },
    { subjects: ["the ERP", "the payroll software", "expense reports"], symptoms: ["shows an error on approval", "ends the session", "does not open the export"],
      causes: ["The session expires after twenty idle minutes.", "The export module needs 64-bit Excel."],
      objects: ["the approval module", "the accounting export", "the ERP favourites"], notes: ["Payroll closes on the 20th of the month."] },
    { subjects: ["Excel", "Word", "the PDF reader", "the browser"], symptoms: ["crashes on large files", "shows a certificate warning", "no longer opens attachments"],
      causes: ["The file opens in protected view.", "The licence is no longer activated.", "The internal site's certificate expired."],
      objects: ["protected view", "the licence activation", "the browser cache"], notes: ["Internal sites accept only the company browser."] },
  ],
  titles: [
    (s, y) => `${cap(s)} ${y}`, (s, y) => `What to do when ${s} ${y}`, (s, y) => `${cap(s)} ${y} after the update`,
    (s) => `Set up ${s} on your workstation`, (s) => `Reset ${s}`, (s, y) => `Troubleshooting: ${s} ${y}`,
  ],
  headings: { symptoms: "Symptoms", cause: "Cause", steps: "Steps", more: "Going further" },
  intro: [
    (s, y) => `Since this morning ${s} ${y} and you cannot work normally.`,
    (s, y) => `Several colleagues report that ${s} ${y}, mostly at the start of the day.`,
    (s, y) => `Sometimes ${s} ${y} after a restart or a desk move.`,
  ],
  verbs: ["Restart", "Check", "Unplug and plug back", "Open", "Close", "Delete", "Reinstall", "Select", "Update", "Turn off and on again"],
  filler: [
    "This usually takes less than five minutes.", "Save your work before you start.",
    "If the problem persists, write down the exact message and when it appears.", "Head office and branches are affected the same way.",
    "No data is lost during this operation.", "The IT desk can take remote control if you wish.",
    "Attach the error message to your request: it saves time.", "Technicians answer from 8 am to 6 pm on weekdays.",
  ],
  summaries: [(s) => `The simple checks to make when ${s} causes trouble.`, (s) => `Step-by-step procedure for ${s}.`],
};

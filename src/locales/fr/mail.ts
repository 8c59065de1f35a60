import type { Shape } from "../shape";
import type { mail as en } from "../en/mail";

/** French strings of the mail pages and of the emails themselves: the same keys as en/mail.ts. */
// French typography: a no-break space (U+00A0) before : ? ! ; and inside « ».
export const mail: Shape<typeof en> = {
  nav: { label: "Rubriques de l’e-mail", settings: "Serveur et test", outbox: "File d’envoi" },
  off: "Aucun serveur SMTP n’est défini\u00a0: les messages restent dans la file d’envoi, «\u00a0en attente de serveur\u00a0», et partiront dès qu’un serveur sera défini.",
  on: "Envoi par {{server}}.",
  settings: {
    title: "E-mail",
    intro: "Niveau écrit chaque e-mail dans une file d’envoi, puis l’envoie dans la minute, en réessayant un moment si le serveur ne répond pas. Les paramètres proviennent de l’environnement (SMTP_HOST, SMTP_PORT…)\u00a0; ce que vous modifiez ici les remplace, et le reste continue de suivre l’environnement.",
    server: "Serveur", host: "Serveur SMTP", host_help: "Un nom d’hôte ou une adresse IP. Vide\u00a0: l’envoi d’e-mails est désactivé.",
    port: "Port", port_help: "587 (soumission avec STARTTLS), 465 (TLS) ou 25.",
    secure: "TLS dès la connexion (port 465)", secure_help: "Sinon la connexion passe en STARTTLS si le serveur le propose.",
    account: "Compte", user: "Nom d’utilisateur", user_help: "Vide\u00a0: pas d’authentification (un relais qui fait confiance à ce serveur).",
    password: "Mot de passe", password_env: "Défini par SMTP_PASSWORD.", password_missing: "Non défini (SMTP_PASSWORD). Il n’est jamais enregistré ni affiché ici.",
    sender: "Expéditeur", from: "Adresse d’expédition", from_help: "Telle que les destinataires la voient, par exemple Support informatique <support@example.com>.",
    attempts: "Essais avant abandon", attempts_help: "MAIL_MAX_ATTEMPTS\u00a0; l’attente entre deux essais double, d’une minute jusqu’à une heure.",
    source_env: "de l’environnement", source_here: "défini ici",
    save: "Enregistrer les paramètres", reset: "Revenir aux valeurs de l’environnement", reset_help: "Oublier toutes les valeurs définies sur cette page.",
    test: "Envoyer un e-mail de test", test_help: "Passe par la file d’envoi et part aussitôt avec les paramètres ci-dessus\u00a0: la réponse du serveur s’affiche.",
    test_to: "Destinataire", test_submit: "Envoyer l’e-mail de test",
    summary: "File d’envoi", summary_link: "Ouvrir la file d’envoi",
  },
  outbox: {
    title: "File d’envoi des e-mails",
    intro: "Les derniers messages, du plus récent au plus ancien. Un message en échec peut être renvoyé\u00a0: il a droit à un essai de plus dans la minute.",
    filter: "Afficher", all: "Tous",
    when: "Mis en file", to: "Destinataire", subject: "Objet", status: "État", attempts: "Essais", detail: "Détail",
    sent_at: "Envoyé le {{date}}", next_at: "Prochain essai le {{date}}", error: "Dernière erreur", about: "Concerne {{type}} n°\u00a0{{id}}",
    retry: "Réessayer", retry_label: "Réessayer le message à {{to}}", retry_all: "Réessayer tous les échecs ({{count}})",
    empty: "Aucun message ici.", held_note: "En attente de serveur\u00a0: l’envoi d’e-mails est désactivé. Ces messages partiront dès qu’un serveur SMTP sera défini.",
  },
  statuses: { pending: "En attente", sending: "En cours d’envoi", sent: "Envoyé", failed: "Échec", held: "En attente de serveur" },
  flash: {
    settings_saved: "Paramètres d’e-mail enregistrés.", settings_reset: "Les paramètres d’e-mail sont revenus aux valeurs de l’environnement.",
    test_sent: "E-mail de test envoyé à {{to}}\u00a0: le serveur l’a accepté.", test_failed: "L’e-mail de test à {{to}} n’a pas pu être envoyé\u00a0: {{error}}",
    test_queued: "L’e-mail de test à {{to}} est dans la file d’envoi\u00a0: un autre processus est en train de l’envoyer.",
    retried: "Le message sera réessayé dans la minute.", retried_all: "{{count}} messages en échec seront réessayés dans la minute.",
    nothing_to_retry: "Il n’y avait aucun message en échec à réessayer.",
  },
  errors: {
    host: "Indiquez un nom d’hôte ou une adresse IP (ou laissez vide pour désactiver l’envoi).", port: "Indiquez un port entre 1 et 65535.",
    from: "Indiquez une adresse comme Support informatique <support@example.com>.",
    host_password: "Le serveur doit être celui de SMTP_HOST\u00a0: le mot de passe de SMTP_PASSWORD n’est envoyé qu’à lui.",
    tls_downgrade: "L’environnement joint le serveur en TLS\u00a0: gardez-le, pour que le mot de passe ne circule jamais en clair.",
    off: "Aucun serveur SMTP n’est défini\u00a0: définissez-en un et enregistrez avant d’envoyer un e-mail de test.",
  },
  email: {
    brand: "Support informatique", hello: "Bonjour,", hello_name: "Bonjour {{name}},",
    footer: "Ce message a été envoyé automatiquement par Niveau, le support informatique.", field: "{{label}}\u00a0: {{value}}",
  },
  templates: {
    test: {
      subject: "E-mail de test de Niveau",
      body: "{{admin}} a envoyé ce test depuis les paramètres d’e-mail de Niveau. Si vous le lisez, Niveau sait envoyer des e-mails.",
      server: "Serveur", sender: "Expéditeur", queued: "Mis en file", open: "File d’envoi des e-mails",
    },
    "sla-warning": {
      subject: "[{{number}}] Délai bientôt dépassé\u00a0: {{title}}",
      body: "Le délai de {{target}} de {{number}} «\u00a0{{title}}\u00a0» arrive à son terme\u00a0: échéance le {{due}}.",
      why: "Vous recevez ce message parce que vous traitez ce ticket. Vous pouvez désactiver ces alertes dans votre profil\u00a0:",
      prefs: "Préférences de notification", open: "Ouvrir le ticket",
    },
    "sla-breach": {
      subject: "[{{number}}] Délai dépassé\u00a0: {{title}}",
      body: "Le délai de {{target}} de {{number}} «\u00a0{{title}}\u00a0» est dépassé\u00a0: l’échéance était le {{due}}.",
      open: "Ouvrir le ticket",
    },
    "ticket-escalated-auto": {
      subject: "[{{number}}] Escaladé en N{{tier}}\u00a0: {{title}}",
      body: "{{number}} «\u00a0{{title}}\u00a0» a été escaladé automatiquement en N{{tier}}, le niveau de votre groupe\u00a0: son délai de résolution est dépassé. Il attend qu’un membre de votre groupe le prenne en charge.",
      open: "Ouvrir le ticket",
    },
  },
};

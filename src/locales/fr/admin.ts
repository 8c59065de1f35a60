import type { Shape } from "../shape";
import type { admin as en } from "../en/admin";

// French typography: a no-break space (U+00A0) before : ? ! ; and inside « ».
export const admin: Shape<typeof en> = {
  title: "Administration",
  nav: { label: "Rubriques d’administration", users: "Utilisateurs", groups: "Groupes", categories: "Catégories", asset_types: "Types d’équipement", catalog: "Catalogue de services", matrix: "Matrice de priorité", directory: "Annuaire", sla: "SLA", mail: "E-mail", jobs: "Tâches planifiées", audit: "Journal d’audit" },
  pages: { label: "Pages", next: "Page suivante →", first: "← Première page" },
  yes: "Oui", no: "Non",
  users: {
    title: "Utilisateurs", new: "Nouvel utilisateur", edit: "Utilisateur {{username}}", search: "Nom ou identifiant", role: "Rôle", any_role: "Tous les rôles",
    filter: "Filtrer", empty: "Aucun utilisateur ne correspond.", username: "Identifiant", name: "Nom", email: "E-mail", groups: "Groupes",
    active: "Actif", inactive: "Désactivé", directory: "annuaire", vip: "VIP", you: "vous",
  },
  user_form: {
    account: "Compte", username: "Identifiant", username_help: "Minuscules, chiffres et . _ @ - uniquement ; il ne pourra plus être modifié.",
    password: "Mot de passe", password_help: "Au moins 10 caractères. Transmettez-le à la personne par un canal sûr.",
    display_name: "Nom complet", email: "E-mail", phone: "Téléphone", department: "Service", location: "Site",
    locale: "Langue", locale_default: "Celle du navigateur", role: "Rôle", groups: "Groupes de support",
    groups_help: "Techniciens et superviseurs traitent les files des niveaux de leurs groupes.", no_groups: "Aucun groupe de support pour l’instant.",
    vip: "VIP", vip_help: "Ses tickets sont relevés d’un niveau de priorité.",
    manager: "Responsable", manager_help: "L’identifiant de la personne qui approuve ses demandes du catalogue. Vide\u00a0: aucune.",
    active: "Compte actif", active_help: "Un compte désactivé ne peut plus se connecter, et ses sessions ouvertes prennent fin aussitôt.",
    self_help: "C’est votre propre compte : vous ne pouvez ni le désactiver ni lui retirer le rôle d’administrateur.",
    create: "Créer l’utilisateur", save: "Enregistrer", reset_heading: "Réinitialiser le mot de passe", new_password: "Nouveau mot de passe",
    reset: "Définir ce mot de passe", reset_help: "Toutes ses sessions prennent fin ; transmettez-lui le nouveau mot de passe par un canal sûr.",
    directory_managed: "Le nom, l’e-mail, le téléphone, le service, le site, le rôle et les groupes de support attribués par une correspondance d’annuaire viennent de l’annuaire\u00a0: ce qui est modifié ici est remplacé à la prochaine connexion ou synchronisation. Les groupes de support qu’aucune correspondance n’attribue restent tels que définis ici.", directory_mappings: "Correspondance des groupes",
    directory_password: "Ce compte se connecte avec l’annuaire : son mot de passe y est géré.",
  },
  groups: {
    title: "Groupes de support", name: "Nom", tier: "Niveau", tier_n: "N{{n}}", email: "E-mail de l’équipe (facultatif)", email_col: "E-mail",
    members: "Membres", new: "Nouveau groupe", create: "Créer le groupe", edit: "Groupe {{name}}", save: "Enregistrer",
    members_heading: "Membres", no_members: "Aucun membre pour l’instant : ajoutez des personnes depuis leur fiche utilisateur.", empty: "Aucun groupe de support pour l’instant.",
  },
  categories: {
    title: "Catégories", name: "Nom", default_group: "Groupe par défaut", default_group_help: "Les nouveaux tickets de cette catégorie arrivent dans ce groupe N1.",
    none: "Aucun (le premier groupe N1)", active: "Proposée sur le portail", active_col: "Active",
    new: "Nouvelle catégorie", create: "Créer la catégorie", edit: "Catégorie {{name}}", save: "Enregistrer", empty: "Aucune catégorie pour l’instant.",
  },
  matrix: {
    title: "Matrice de priorité",
    intro: "La priorité d’un ticket découle de son impact (qui est touché) et de son urgence. Le ticket d’un VIP est relevé d’un niveau. Les changements s’appliquent aux tickets créés ou reclassés à partir de maintenant.",
    impact_level: "Impact : {{level}}", urgency_level: "Urgence : {{level}}", cell: "Priorité pour un impact {{impact}} et une urgence {{urgency}}", save: "Enregistrer la matrice",
    corner: "Impact ↓ / urgence →",
  },
  audit: {
    title: "Journal d’audit", when: "Quand", who: "Qui", action: "Action", entity: "Objet", details: "Détails",
    system: "Système", empty: "Rien d’enregistré pour l’instant.",
    actions: {
      "user.create": "Utilisateur créé", "user.update": "Utilisateur modifié", "user.password_reset": "Mot de passe réinitialisé",
      "group.create": "Groupe créé", "group.update": "Groupe modifié",
      "category.create": "Catégorie créée", "category.update": "Catégorie modifiée",
      "settings.priority_matrix": "Matrice de priorité modifiée",
      "sla.policies": "Politiques SLA modifiées", "sla.calendar_create": "Calendrier SLA créé", "sla.calendar_update": "Calendrier SLA modifié",
      "sla.holiday_add": "Jour férié ajouté", "sla.holiday_remove": "Jour férié supprimé",
      "user.directory_create": "Compte créé depuis l’annuaire", "user.directory_update": "Compte mis à jour depuis l’annuaire",
      "user.directory_deactivate": "Compte désactivé par l’annuaire", "directory.map": "Groupe d’annuaire associé",
      "directory.unmap": "Correspondance d’annuaire supprimée", "directory.settings": "Réglages de l’annuaire modifiés",
    },
    entities: { sla_calendar: "Calendrier SLA", directory_mapping: "Correspondance d’annuaire", user: "Utilisateur", group: "Groupe", category: "Catégorie", setting: "Paramètre" },
  },
  flash: {
    user_created: "Utilisateur {{username}} créé.", user_saved: "Utilisateur {{username}} enregistré.", password_set: "Mot de passe de {{username}} défini ; ses sessions ont pris fin.",
    group_created: "Groupe {{name}} créé.", group_saved: "Groupe {{name}} enregistré.",
    category_created: "Catégorie {{name}} créée.", category_saved: "Catégorie {{name}} enregistrée.", matrix_saved: "Matrice de priorité enregistrée.",
  },
  errors: {
    self_deactivation: "Vous ne pouvez pas désactiver votre propre compte : un autre administrateur doit le faire.",
    self_demotion: "Vous ne pouvez pas retirer votre propre rôle d’administrateur : un autre administrateur doit le faire.",
    group_name_taken: "Un groupe porte déjà ce nom.", category_name_taken: "Une catégorie porte déjà ce nom.",
    default_group_tier: "Choisissez un groupe N1 : les nouveaux tickets commencent toujours en N1.",
    group_has_open_tickets: "Ce groupe a {{n}} ticket(s) ouvert(s) : déplacez-les ou clôturez-les avant de changer son niveau.",
    group_is_category_default: "Des catégories envoient leurs nouveaux tickets à ce groupe : donnez-leur un autre groupe N1 avant de changer son niveau.",
    manager_self: "Une personne ne peut pas être son propre responsable.",
  },
};

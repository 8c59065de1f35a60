import { expect } from "chai";
import { scrubPersonalData, type PersonalData, type Placeholders } from "../../src/modules/kb/personal-data";
import { kbDesk as en } from "../../src/locales/en/kb-desk";
import { kbDesk as fr } from "../../src/locales/fr/kb-desk";

const ELODIE: PersonalData = { displayName: "Élodie Dupré", username: "edupre", email: "elodie.dupre@example.org", phones: ["+33 6 12 34 56 78", null] };
const scrub = (text: string, person: PersonalData = ELODIE, placeholders: Placeholders = en.draft) => scrubPersonalData(text, person, placeholders);

describe("unit: a requester's personal data removed from an article draft", () => {
  describe("names", () => {
    it("the full name and each part, whole words, whatever the case and accents", () => {
      expect(scrub("Élodie Dupré cannot print.")).to.equal("[requester] cannot print.");
      expect(scrub("elodie dupre cannot print")).to.equal("[requester] cannot print");
      expect(scrub("ELODIE DUPRÉ")).to.equal("[requester]");
      expect(scrub("Bonjour Elodie, Mme DUPRE a appelé.")).to.equal("Bonjour [requester], Mme [requester] a appelé.");
      expect(scrub("le PC d’élodie, l'ordinateur de dupré")).to.equal("le PC d’[requester], l'ordinateur de [requester]");
      expect(scrub("Élodie's laptop")).to.equal("[requester]'s laptop");
    });

    it("the full name is one replacement, not one per part", () => {
      expect(scrub("Hello Élodie  Dupré!")).to.equal("Hello [requester]!");
    });

    it("text written with decomposed accents is matched too", () => {
      expect(scrub("E\u0301lodie called")).to.equal("[requester] called");
    });

    it("emoji before, between and after names do not shift what is removed", () => {
      expect(scrub("😀😀 Merci Élodie Dupré pour")).to.equal("😀😀 Merci [requester] pour");
      expect(scrub("Hello Élodie, your 🖨️ is fixed by Élodie")).to.equal("Hello [requester], your 🖨️ is fixed by [requester]");
      expect(scrub("🖨️ Élodie 👍🏽 Dupré 😀 edupre 🎉")).to.equal("🖨️ [requester] 👍🏽 [requester] 😀 [requester] 🎉");
      expect(scrub("𝐀 E\u0301lodie 😀 06 12 34 56 78 😀 elodie.dupre@example.org")).to.equal("𝐀 [requester] 😀 [phone] 😀 [email]");
    });

    it("a name inside another word is left alone", () => {
      const anne: PersonalData = { displayName: "Anne Martin" };
      expect(scrub("Anne works in Annecy, Martinique office; Martin's badge", anne))
        .to.equal("[requester] works in Annecy, Martinique office; [requester]'s badge");
      expect(scrub("Annex B of the Dupréau report")).to.equal("Annex B of the Dupréau report");
    });

    it("a hyphenated first name, written with or without its hyphen", () => {
      const jp: PersonalData = { displayName: "Jean-Pierre Léger" };
      expect(scrub("Jean-Pierre Léger; jean pierre; JEAN-PIERRE; Pierre; Jean", jp))
        .to.equal("[requester]; [requester]; [requester]; [requester]; [requester]");
    });

    it("the little words of a name (de, van, …) are removed with the whole name only", () => {
      const anne: PersonalData = { displayName: "Anne de La Fontaine" };
      expect(scrub("Anne de La Fontaine wrote: the cable de la salle is cut. Mme de la fontaine", anne))
        .to.equal("[requester] wrote: the cable de la salle is cut. Mme de la [requester]");
    });

    it("the username, as a word only", () => {
      expect(scrub("account EDUPRE locked; edupre2 is someone else")).to.equal("account [requester] locked; edupre2 is someone else");
      expect(scrub("login j.doe failed", { displayName: "John Doe", username: "j.doe" })).to.equal("login [requester] failed");
    });

    it("a one-letter part (an initial) is not a name to remove", () => {
      expect(scrub("J. Smith and a printer", { displayName: "J Smith" })).to.equal("J. [requester] and a printer");
    });

    it("nothing known of the person: only emails and phones go", () => {
      expect(scrub("Élodie at elodie@example.org", {})).to.equal("Élodie at [email]");
    });
  });

  describe("email addresses", () => {
    it("the person's and anyone's", () => {
      expect(scrub("Write to elodie.dupre@example.org or to it-desk+vpn@corp.example.co.uk."))
        .to.equal("Write to [email] or to [email].");
      expect(scrub("mail: françois.lévêque@exemple.fr")).to.equal("mail: [email]");
    });
    it("an address with the username in it goes as an address, not half of it", () => {
      expect(scrub("edupre@example.org")).to.equal("[email]");
    });
  });

  describe("phone numbers", () => {
    it("the person's own number however it is written", () => {
      expect(scrub("call +33 6 12 34 56 78 or +33.6.12.34.56.78 or +33612345678"))
        .to.equal("call [phone] or [phone] or [phone]");
      expect(scrub("extension 4521", { phones: ["4521"] })).to.equal("extension [phone]");
    });

    it("any phone-looking number", () => {
      expect(scrub("Mobile: 06 12 34 56 78, office 01.23.45.67.89, (555) 123-4567, +44 20 7946 0958, 0612345678, +33 (0)1 23 45 67 89"))
        .to.equal("Mobile: [phone], office [phone], [phone], [phone], [phone], [phone]");
    });

    it("dates, times, addresses, versions, amounts, ticket and serial numbers are not phones", () => {
      const kept = [
        "2026-11-23", "2026-11-23 14:05", "23.11.2026 10:30", "192.168.10.254", "10.0.19045.3570", "1 250 000 €",
        "INC-000123", "REQ-012345678", "SN0612345678", "/api/v1/0612345678", "20261123", "123456789", "port 8080",
      ];
      for (const k of kept) expect(scrub(`see ${k} here`), k).to.equal(`see ${k} here`);
    });
  });

  it("everything at once, the rest of the text untouched", () => {
    const text = "Élodie Dupré (edupre, elodie.dupre@example.org, 06 12 34 56 78) reports that the VPN drops after 10 minutes on 192.168.1.20.";
    expect(scrub(text)).to.equal("[requester] ([requester], [email], [phone]) reports that the VPN drops after 10 minutes on 192.168.1.20.");
  });

  describe("placeholders", () => {
    it("in the language the caller gives (the article's)", () => {
      expect(scrub("Élodie (edupre@example.org, 06 12 34 56 78) n’imprime plus.", ELODIE, fr.draft))
        .to.equal("[demandeur] ([e-mail], [téléphone]) n’imprime plus.");
      expect(scrub("Élodie", ELODIE, { requester: "<who>", email: "<mail>", phone: "<tel>" })).to.equal("<who>");
    });

    it("a placeholder is never scrubbed again, whatever the person is called", () => {
      const mail: PersonalData = { displayName: "Mail Téléphone", username: "demandeur" };
      expect(scrub("Mail Téléphone, demandeur, a@example.org, 06 12 34 56 78", mail, fr.draft))
        .to.equal("[demandeur], [demandeur], [e-mail], [téléphone]");
      expect(scrub("email: a@example.org", { username: "email" })).to.equal("[requester]: [email]");
    });

    it("the characters that mark what was removed, when already in the text, do not become placeholders", () => {
      expect(scrub("a\uE000b\uE001c\uE002d", {})).to.equal("abcd");
    });
  });
});

import { expect } from "chai";
import { matchMajorIncident, significantWords } from "../../src/modules/major/match";

describe("unit: the new-ticket title matcher of major incidents", () => {
  const email = { id: "email", publicTitle: "Email unavailable", title: "Exchange DAG failover loop on MBX02" };
  const vpn = { id: "vpn", publicTitle: null, title: "VPN concentrator down in Lyon" };
  const network = { id: "network", publicTitle: "Network outage at the Lyon site", title: "Core switch SW-LYO-01 reboot loop" };
  const id = (m: { id: string } | null) => m?.id ?? null;

  it("keeps the significant words: no case, no accents, no short or common words, no plural s", () => {
    expect([...significantWords("Mes E-MAILS ne partent plus depuis ce matin !")].sort()).to.deep.equal(["email", "matin", "partent"]);
    expect([...significantWords("Réseau coupé à l'étage")].sort()).to.deep.equal(["coupe", "etage", "reseau"]);
    expect([...significantWords("It is not working, please help")]).to.deep.equal([]);
  });

  it("proposes the major incident whose short public title shares the service's name", () => {
    expect(id(matchMajorIncident("Cannot send emails since 9am", [vpn, email]))).to.equal("email");
    expect(id(matchMajorIncident("Plus d'EMAIL depuis ce matin", [email]))).to.equal("email");
    // "we are working on it" is said of every outage, in either language: the service is what matches
    const fr = { id: "fr", publicTitle: "Messagerie indisponible — nous y travaillons", title: "La messagerie est en panne" };
    expect(id(matchMajorIncident("Ma messagerie est en panne aussi", [fr]))).to.equal("fr");
  });

  it("needs two shared words with a longer title; the internal title counts only while there is no public title", () => {
    expect(id(matchMajorIncident("Lyon office chair broken", [network]))).to.equal(null);
    expect(id(matchMajorIncident("No network in Lyon", [network]))).to.equal("network");
    // no public title: the title is what employees see, so it is compared
    expect(id(matchMajorIncident("The VPN concentrator refuses me", [vpn]))).to.equal("vpn");
    expect(id(matchMajorIncident("vpn slow at home", [vpn]))).to.equal(null);
  });

  it("never compares the internal title behind a public title (nobody probes the desk's wording)", () => {
    expect(id(matchMajorIncident("Exchange DAG failover", [email]))).to.equal(null);
    expect(id(matchMajorIncident("MBX02 failover loop", [email]))).to.equal(null);
    expect(id(matchMajorIncident("Core switch reboot loop", [network]))).to.equal(null);
    // the same words match once they are the title employees see
    expect(id(matchMajorIncident("Exchange DAG failover", [{ ...email, publicTitle: null }]))).to.equal("email");
  });

  it("picks the candidate with the most shared words, and nothing for an empty or common-words title", () => {
    const both = { id: "both", publicTitle: "Lyon network and VPN outage", title: "x" };
    expect(id(matchMajorIncident("VPN and network down in Lyon", [network, both]))).to.equal("both");
    expect(id(matchMajorIncident("Problem, please help!", [email, vpn, network]))).to.equal(null);
    expect(id(matchMajorIncident("", [email]))).to.equal(null);
    expect(id(matchMajorIncident("Email unavailable", []))).to.equal(null);
  });
});

import { expect } from "chai";
import { matchMajorIncident, significantWords } from "../../src/modules/major/match";

describe("unit: the new-ticket title matcher of major incidents", () => {
  const email = { value: "email", titles: ["Email unavailable", "Exchange DAG failover loop on MBX02"] };
  const vpn = { value: "vpn", titles: [null, "VPN concentrator down in Lyon"] };
  const network = { value: "network", titles: ["Network outage at the Lyon site", null] };

  it("keeps the significant words: no case, no accents, no short or common words, no plural s", () => {
    expect([...significantWords("Mes E-MAILS ne partent plus depuis ce matin !")].sort()).to.deep.equal(["email", "matin", "partent"]);
    expect([...significantWords("Réseau coupé à l'étage")].sort()).to.deep.equal(["coupe", "etage", "reseau"]);
    expect([...significantWords("It is not working, please help")]).to.deep.equal([]);
  });

  it("proposes the major incident whose short public title shares the service's name", () => {
    expect(matchMajorIncident("Cannot send emails since 9am", [vpn, email])).to.equal("email");
    expect(matchMajorIncident("Plus d'EMAIL depuis ce matin", [email])).to.equal("email");
  });

  it("needs two shared words with a longer title, compared with the public title and the title", () => {
    expect(matchMajorIncident("Lyon office chair broken", [network])).to.equal(null);
    expect(matchMajorIncident("No network in Lyon", [network])).to.equal("network");
    // the internal title counts too (the public title is empty)
    expect(matchMajorIncident("The VPN concentrator refuses me", [vpn])).to.equal("vpn");
    expect(matchMajorIncident("vpn slow at home", [vpn])).to.equal(null);
  });

  it("picks the candidate with the most shared words, and nothing for an empty or common-words title", () => {
    const both = { value: "both", titles: ["Lyon network and VPN outage"] };
    expect(matchMajorIncident("VPN and network down in Lyon", [network, both])).to.equal("both");
    expect(matchMajorIncident("Problem, please help!", [email, vpn, network])).to.equal(null);
    expect(matchMajorIncident("", [email])).to.equal(null);
    expect(matchMajorIncident("Email unavailable", [])).to.equal(null);
  });
});

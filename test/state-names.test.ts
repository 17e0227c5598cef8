import { describe, expect, it } from "vitest";
import { StateNameFolder, stateKey, unShortName } from "../src/domain/state-names.js";
import { UN_MEMBER_STATES } from "../src/domain/un-member-states.js";

describe("state names", () => {
  it("the table holds the 193 member states, each once", () => {
    expect(UN_MEMBER_STATES).toHaveLength(193);
    expect(new Set(UN_MEMBER_STATES.map(([name]) => name)).size).toBe(193);
  });

  it("fold the common variants to the UN short name", () => {
    expect(unShortName("Russia")).toBe("Russian Federation");
    expect(unShortName("PRC")).toBe("China");
    expect(unShortName("People’s Republic of China")).toBe("China");
    expect(unShortName("Turkey")).toBe("Türkiye");
    expect(unShortName("turkiye")).toBe("Türkiye");
    expect(unShortName("DPRK")).toBe("Democratic People's Republic of Korea");
    expect(unShortName("Korea, DPR")).toBe("Democratic People's Republic of Korea");
    expect(unShortName("North Korea")).toBe("Democratic People's Republic of Korea");
    expect(unShortName("the Netherlands")).toBe("Netherlands (Kingdom of the)");
    expect(unShortName("U.S.A.")).toBe("United States of America");
    expect(unShortName("  viet   nam ")).toBe("Viet Nam");
    expect(unShortName("Russian Fed.")).toBe("Russian Federation");
    expect(unShortName("China, mainland")).toBe("China");
    expect(unShortName("China (mainland)")).toBe("China");
    expect(unShortName("N. Korea")).toBe("Democratic People's Republic of Korea");
  });

  it("fold a name with a footnote mark, or UNTERM's trailing (the), like the name", () => {
    expect(unShortName("China¹")).toBe("China");
    expect(unShortName("China²³")).toBe("China");
    expect(unShortName("Russia†")).toBe("Russian Federation");
    expect(unShortName("China a/")).toBe("China");
    expect(unShortName("Russian Federation a/ b/")).toBe("Russian Federation");
    expect(unShortName("China (a)")).toBe("China");
    expect(unShortName("Russia [1]")).toBe("Russian Federation");
    expect(unShortName("Congo (Brazzaville)")).toBe("Congo");
    expect(unShortName("Russian Federation (the)")).toBe("Russian Federation");
    expect(unShortName("Republic of Korea (the)")).toBe("Republic of Korea");
    expect(unShortName("Netherlands (Kingdom of the)")).toBe("Netherlands (Kingdom of the)");
    expect(unShortName("Congo, Democratic Republic of the")).toBe(
      "Democratic Republic of the Congo",
    );
  });

  it("leave alone what is not a state or could be two", () => {
    expect(unShortName("Korea")).toBeUndefined();
    expect(unShortName("Rosneft")).toBeUndefined();
    expect(unShortName("Russians")).toBeUndefined();
    expect(unShortName("Congo")).toBe("Congo");
  });

  it("keys ignore case, accents, dots, apostrophes and punctuation", () => {
    expect(stateKey("Côte d’Ivoire")).toBe(stateKey("cote divoire"));
    expect(stateKey("Guinea-Bissau")).toBe("guinea bissau");
  });

  it("a folder notes each renaming once, not changes of case or accent alone", () => {
    const folder = new StateNameFolder();
    expect(folder.fold("Russia")).toBe("Russian Federation");
    expect(folder.fold("RUSSIA")).toBe("Russian Federation");
    expect(folder.fold("Russian Federation")).toBe("Russian Federation");
    expect(folder.fold("turkiye")).toBe("Türkiye");
    expect(folder.fold("PRC")).toBe("China");
    expect(folder.fold("Glory Shipping")).toBe("Glory Shipping");
    expect(folder.foldings).toEqual([
      { written: "Russia", unName: "Russian Federation" },
      { written: "PRC", unName: "China" },
    ]);
  });
});

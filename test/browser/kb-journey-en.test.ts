import { kbJourneySuite } from "./kb-journey";

kbJourneySuite("en");

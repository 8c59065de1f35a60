import { kbJourneySuite } from "./kb-journey";

kbJourneySuite("fr");

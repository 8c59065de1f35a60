import { majorJourneySuite } from "./major-journey";

majorJourneySuite("fr");

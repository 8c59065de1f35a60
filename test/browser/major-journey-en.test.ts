import { majorJourneySuite } from "./major-journey";

majorJourneySuite("en");

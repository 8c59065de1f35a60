import { catalogJourneySuite } from "./catalog-journey";

catalogJourneySuite("en");

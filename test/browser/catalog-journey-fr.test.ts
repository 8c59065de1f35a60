import { catalogJourneySuite } from "./catalog-journey";

catalogJourneySuite("fr");

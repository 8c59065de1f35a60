import { journeySuite } from "./journey";

journeySuite("en");

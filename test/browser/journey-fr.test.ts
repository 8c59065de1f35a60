import { journeySuite } from "./journey";

journeySuite("fr");

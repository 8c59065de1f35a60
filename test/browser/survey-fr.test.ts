import { surveyJourneySuite } from "./survey-journey";

surveyJourneySuite("fr");

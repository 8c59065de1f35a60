import { surveyJourneySuite } from "./survey-journey";

surveyJourneySuite("en");

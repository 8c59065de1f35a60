import { Initial1764000000000 } from "../../../migrations/1764000000000-Initial";
import { QueueIndexes1764000000001 } from "../../../migrations/1764000000001-QueueIndexes";
import { QueueCountIndex1764000000002 } from "../../../migrations/1764000000002-QueueCountIndex";
import { Jobs1764000000003 } from "../../../migrations/1764000000003-Jobs";
import { Directory1764000000004 } from "../../../migrations/1764000000004-Directory";
import { Sla1764000000005 } from "../../../migrations/1764000000005-Sla";
import { Notifications1764000000007 } from "../../../migrations/1764000000007-Notifications";
import { Automation1764000000008 } from "../../../migrations/1764000000008-Automation";
import { Problems1764000000009 } from "../../../migrations/1764000000009-Problems";
import { MajorIncidents1764000000010 } from "../../../migrations/1764000000010-MajorIncidents";
import { Mail1764000000006 } from "../../../migrations/1764000000006-Mail";
import { ProblemSuggestions1764000000011 } from "../../../migrations/1764000000011-ProblemSuggestions";
import { HistoryKindIndex1764000000012 } from "../../../migrations/1764000000012-HistoryKindIndex";
import { AssetsCatalog1764000000013 } from "../../../migrations/1764000000013-AssetsCatalog";
import { KnowledgeBase1764000000014 } from "../../../migrations/1764000000014-KnowledgeBase";
import { Reporting1764000000015 } from "../../../migrations/1764000000015-Reporting";

/** Listed by hand, in order: no glob, so the built and the tsx runs load the same files. */
export const migrations = [
  Initial1764000000000, QueueIndexes1764000000001, QueueCountIndex1764000000002, Jobs1764000000003,
  Directory1764000000004, Sla1764000000005, Mail1764000000006, Notifications1764000000007,
  Automation1764000000008, Problems1764000000009, MajorIncidents1764000000010, ProblemSuggestions1764000000011,
  HistoryKindIndex1764000000012, AssetsCatalog1764000000013, KnowledgeBase1764000000014, Reporting1764000000015,
];

import type { DataSource } from "typeorm";
import type { Config } from "./config";
import type { Clock } from "./clock";
import type { Logger } from "./logger";
import type { EventBus } from "./events/bus";

/** What commands, queries, routes and jobs are given (nothing global). */
export interface Deps {
  db: DataSource;
  config: Config;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
}

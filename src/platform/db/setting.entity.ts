import { Column, Entity, PrimaryColumn } from "typeorm";

/** Admin-editable settings kept in the database (JSON values), e.g. the priority matrix. */
@Entity({ name: "settings" })
export class Setting {
  @PrimaryColumn({ type: "varchar", length: 100 })
  key!: string;

  @Column({ type: "text" })
  value!: string;
}

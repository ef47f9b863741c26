import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row (id 1) whose version every write transaction increments just
 * before it commits (see runTransaction), so the number moves exactly when
 * committed data changes and a rolled-back write leaves it as it was. The
 * response cache compares it with the version an answer was computed at; every
 * instance reads it here, where it commits together with the write.
 */
@Entity('data_version')
export class DataVersion {
  @PrimaryColumn({ type: 'int' })
  id: number;

  /**
   * Random, made with the row: it tells this database's versions from another
   * database's, so deployments (or test runs) that share one Redis never
   * exchange answers that merely have the same version number.
   */
  @Column({ type: 'varchar', length: 32 })
  epoch: string;

  /** bigint: a counter that never wraps; PostgreSQL hands it back as a string. */
  @Column({ type: 'bigint' })
  version: string;
}

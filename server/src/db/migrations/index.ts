import { InitialSchema1795722643577 } from './1795722643577-InitialSchema';
import { ResearchSearch1795722644000 } from './1795722644000-ResearchSearch';

/** Every migration, oldest first. New ones come from `npm run migration:generate`. */
export const MIGRATIONS = [InitialSchema1795722643577, ResearchSearch1795722644000];

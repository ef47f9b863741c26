import { InitialSchema1795722149129 } from './1795722149129-InitialSchema';
import { ResearchSearch1795722150000 } from './1795722150000-ResearchSearch';

/** Every migration, oldest first. New ones come from `npm run migration:generate`. */
export const MIGRATIONS = [InitialSchema1795722149129, ResearchSearch1795722150000];

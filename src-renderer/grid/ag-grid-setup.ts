/**
 * AG Grid's modules, registered once for the whole app. Community AG Grid silently drops editors
 * and filters whose module is missing (error #200), so every grid gets them all; importing this
 * module (the kit's `EditableGrid` does) is how a grid makes sure they are there.
 */
import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';

ModuleRegistry.registerModules([AllCommunityModule]);

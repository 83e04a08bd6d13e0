/** Always an empty list: see index.js. */
export declare function getNodeAutoInstrumentations(): never[];

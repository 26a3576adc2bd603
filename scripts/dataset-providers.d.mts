export declare const DATASET_PROVIDER: Readonly<Record<string, string>>;
export declare function datasetProvider(provider: string): string;

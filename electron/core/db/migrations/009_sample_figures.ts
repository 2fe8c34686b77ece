// 009: generated sample figures (示例数据) found at once. Every view and
// export says 示例数据 when a plan holds any; without this index, knowing that
// "none" meant reading every figure's entered_by — the table itself, 80,000
// rows a period at 2,000 units × 40 indicators — on each dashboard and summary.
// Partial: it holds only the sample rows, so real ledgers pay nothing for it.
export default /* sql */ `
CREATE INDEX figures_sample ON figures(indicator_id) WHERE entered_by = '示例数据';
`;

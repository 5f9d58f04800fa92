/**
 * The catalogue of what customers bring (业务分类), as first seeded: the 7 sections and 42
 * items of the regulations, plus the suggestion and inquiry sections other companies add.
 * Companies edit their catalogue as data afterwards; codes stay stable when labels change.
 */
export interface CatalogueLabel {
  readonly 'zh-CN': string;
  readonly en: string;
}

export interface CatalogueSeedSection {
  readonly code: string;
  readonly label: CatalogueLabel;
  readonly items: readonly { readonly code: string; readonly label: CatalogueLabel }[];
}

const s = (code: string, zh: string, en: string, items: [string, string, string][]): CatalogueSeedSection => ({
  code,
  label: { 'zh-CN': zh, en },
  items: items.map(([item, itemZh, itemEn]) => ({ code: `${code}.${item}`, label: { 'zh-CN': itemZh, en: itemEn } })),
});

export const CATALOGUE_SEED: readonly CatalogueSeedSection[] = [
  s('consultation', '咨询', 'Consultation', [
    ['property_service', '物业服务', 'Property service'],
    ['projects', '项目咨询（在建、已交付、代建）', 'Projects (under construction, delivered, agent-built)'],
    ['community_activities', '社区文化及品牌活动', 'Community culture and brand activities'],
    ['call_transfer', '电话转接', 'Call transfer'],
    ['daily_life', '生活便民', 'Daily-life convenience'],
    ['other', '其他', 'Other'],
  ]),
  s('repair', '报修', 'Repair', [
    ['public_area', '公共区域报修', 'Public area'],
    ['own_unit', '业主户内报修', "Owner's own unit"],
    ['paid_repair', '其他有偿维修', 'Other paid repair'],
  ]),
  s('complaint', '投诉', 'Complaint', [
    ['service_quality', '服务质量', 'Service quality'],
    ['construction_quality', '工程质量', 'Construction quality'],
    ['repair', '维修', 'Repair'],
    ['facilities', '配套设施', 'Supporting facilities'],
    ['environment', '社区环境', 'Community environment'],
    ['other', '其他', 'Other'],
  ]),
  s('callback', '回访', 'Callback', [
    ['after_complaint', '投诉回访', 'After a complaint'],
    ['after_repair', '报修回访', 'After a repair'],
    ['after_value_added', '增值服务回访', 'After a value-added service'],
    ['key_customer', '重点客户回访', 'Key customers'],
    ['other', '其他', 'Other'],
  ]),
  s('value_added', '社区增值服务', 'Community value-added services', [['agency', '代办服务', 'Agency services']]),
  s('housekeeping', '家政保洁', 'Housekeeping and cleaning', [
    ['home_move_in_cleaning', '家庭开荒保洁', 'Home move-in cleaning'],
    ['office_move_in_cleaning', '写字楼开荒保洁', 'Office move-in cleaning'],
    ['carpet_cleaning', '地毯清洗', 'Carpet cleaning'],
    ['carpet_care', '地毯保养', 'Carpet care'],
    ['floor_waxing', '地面打蜡', 'Floor waxing'],
    ['sofa_care', '皮质、布艺沙发保养', 'Leather and fabric sofa care'],
    ['furniture_care', '家具保养', 'Furniture care'],
    ['glass_cleaning', '玻璃清洁', 'Glass cleaning'],
    ['contract_office_cleaning', '写字楼承包保洁', 'Contract office cleaning'],
    ['stone_crystallization', '石材结晶', 'Stone-floor crystallization'],
  ]),
  s('info_collection', '信息收集', 'Information collection', [
    ['customer', '客户信息', 'Customer'],
    ['project', '项目信息', 'Project'],
    ['sales_policy', '销售政策', 'Sales policy'],
    ['brand_activities', '品牌及社区活动', 'Brand and community activities'],
    ['procedures', '办理手续', 'Procedures'],
    ['title_progress', '产权办理进度', 'Property-title progress'],
    ['property_management', '物业管理', 'Property management'],
    ['complaint_policy', '投诉处理政策', 'Complaint policy'],
    ['laws_regulations', '法律法规', 'Laws and regulations'],
    ['building_knowledge', '房屋建筑知识', 'Building knowledge'],
    ['other', '其他', 'Other'],
  ]),
  s('suggestion', '建议', 'Suggestion', [['general', '意见建议', 'Suggestion']]),
  s('inquiry', '查询', 'Inquiry', [
    ['order_progress', '订单进度查询', 'Progress of an order'],
    ['matter_progress', '事项进度查询', 'Progress of a matter already raised'],
  ]),
];

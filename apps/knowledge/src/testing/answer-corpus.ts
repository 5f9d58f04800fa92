/**
 * Unified answers of a property company and how customers really ask about them: phrased
 * differently from the stored questions, in traditional characters, pinyin, with synonyms and
 * building numbers. Search quality is measured on these.
 */
export interface CorpusAnswer {
  readonly key: string;
  readonly title: string;
  readonly questions: string[];
  readonly body: string;
  readonly itemCode: string;
  readonly tags: string[];
}

export const CORPUS: readonly CorpusAnswer[] = [
  { key: 'fee-payment', title: '物业费的缴纳方式', questions: ['物业费怎么交', '物业费可以在网上缴纳吗'], body: '您好，物业费可通过物业服务中心前台、微信公众号“智慧社区”或银行代扣缴纳，按季度预交。', itemCode: 'consultation.property_service', tags: ['物业费', '缴费'] },
  { key: 'fee-rate', title: '物业费收费标准', questions: ['物业费多少钱一平米'], body: '住宅物业费按建筑面积每月每平方米2.8元收取，商铺每月每平方米4.5元，收费标准已在物价局备案。', itemCode: 'consultation.property_service', tags: ['物业费', '收费标准'] },
  { key: 'parking', title: '地下停车位租赁', questions: ['车位怎么租', '地下车位月租多少'], body: '地下停车位月租300元，年租3300元，请携带行驶证到物业服务中心办理；临时停车首小时免费。', itemCode: 'consultation.property_service', tags: ['车位', '停车'] },
  { key: 'title-deed', title: '房产证办理进度', questions: ['房产证什么时候能办好'], body: '不动产权证由开发商统一代办，交房后约180个工作日办结，届时将短信通知业主携带身份证领取。', itemCode: 'information.property_title', tags: ['房产证', '办证'] },
  { key: 'deposit', title: '装修押金的退还', questions: ['装修押金什么时候退'], body: '装修完成并经物业验收合格、无违规改动的，凭押金收据在验收后3个月退还装修押金。', itemCode: 'consultation.property_service', tags: ['装修', '押金'] },
  { key: 'lift', title: '电梯故障与困人处理', questions: ['电梯坏了怎么办', '电梯困人怎么办'], body: '请立即按电梯内紧急呼叫按钮或拨打400热线，电梯维保人员15分钟内到场；请勿强行扒门。', itemCode: 'repair.public_area', tags: ['电梯', '报修'] },
  { key: 'wifi', title: '会所与大堂公共WiFi', questions: ['小区公共WiFi密码是多少'], body: '会所及各楼栋大堂提供免费WiFi，网络名称为“Sunshine-Free”，密码在物业服务中心公告栏公示。', itemCode: 'consultation.life_convenience', tags: ['WiFi', '网络'] },
  { key: 'fund', title: '住宅专项维修资金查询', questions: ['公共维修基金怎么查'], body: '维修基金余额可登录市住房保障局网站查询，或持房产证原件到维修资金管理中心柜台查询。', itemCode: 'information.property_management', tags: ['维修基金'] },
  { key: 'pets', title: '小区饲养宠物规定', questions: ['小区可以养狗吗'], body: '饲养犬只须办理犬只登记证并按时免疫，出门拴绳、及时清理粪便；小区内禁止饲养烈性犬和大型犬。', itemCode: 'consultation.property_service', tags: ['宠物', '养犬'] },
  { key: 'parcels', title: '快递代收说明', questions: ['物业能代收快递吗'], body: '物业服务中心不代收快递，各楼栋大堂已设置智能快递柜，大件可与快递员另约时间。', itemCode: 'consultation.life_convenience', tags: ['快递', '快递柜'] },
  { key: 'water-cut', title: '停水通知与查询', questions: ['为什么停水了'], body: '计划停水会提前24小时在单元门口和业主群公告；突发停水请拨打400热线，我们将告知恢复供水时间。', itemCode: 'consultation.property_service', tags: ['停水', '供水'] },
  { key: 'renovation-hours', title: '装修施工时间规定', questions: ['装修可以几点施工'], body: '装修施工时间为工作日8:00-12:00、14:00-18:00，周末及法定节假日禁止产生噪音的施工。', itemCode: 'consultation.property_service', tags: ['装修', '施工时间'] },
  { key: 'access-card', title: '门禁卡补办', questions: ['门禁卡丢了怎么补办'], body: '请业主本人携带身份证到物业服务中心补办门禁卡，工本费20元，当场办理。', itemCode: 'consultation.property_service', tags: ['门禁卡'] },
  { key: 'handover', title: '二期交房时间', questions: ['什么时候交房'], body: '二期预计2026年12月交付，具体以收楼通知书为准，交房前一个月会电话和短信通知。', itemCode: 'consultation.projects', tags: ['交房', '二期'] },
  { key: 'heating', title: '集中供暖时间', questions: ['什么时候开始供暖'], body: '集中供暖时间为每年11月15日至次年3月15日；室温低于18度可报修，维修人员上门检测暖气。', itemCode: 'consultation.property_service', tags: ['供暖', '暖气'] },
  { key: 'seepage', title: '外墙渗水维修', questions: ['外墙渗水到屋内怎么办'], body: '保修期内的外墙渗漏由开发商工程部负责维修，请拨打400热线报修登记，工程人员48小时内上门查看。', itemCode: 'repair.own_unit', tags: ['渗水', '漏水', '外墙'] },
  { key: 'cleaning', title: '入伙开荒保洁服务', questions: ['新房保洁怎么预约'], body: '入伙开荒保洁按建筑面积每平方米8元收费，可拨打400热线或在公众号预约家政保洁服务。', itemCode: 'housekeeping.move_in_cleaning', tags: ['开荒保洁', '家政'] },
  { key: 'charger', title: '车位安装充电桩', questions: ['地下车库可以装充电桩吗'], body: '产权车位或长租车位可申请安装充电桩，需提交供电局报装申请并经物业审批后施工。', itemCode: 'consultation.property_service', tags: ['充电桩', '车位'] },
  { key: 'invoice', title: '物业费发票开具', questions: ['交了物业费怎么开发票'], body: '缴费后可在微信公众号“智慧社区”申请电子发票，7个工作日内发送至您留的邮箱。', itemCode: 'consultation.property_service', tags: ['发票', '物业费'] },
  { key: 'noise', title: '装修噪音扰民的处理', questions: ['楼上装修太吵了'], body: '物业将核实施工时间，对违反装修时间规定的住户上门劝导并记录，屡次违规的暂停其装修许可。', itemCode: 'complaint.community_environment', tags: ['噪音', '装修'] },
];

/** [how a customer asked, the answer that should come in the top three]. */
export const CUSTOMER_QUESTIONS: readonly (readonly [string, string])[] = [
  ['管理费在哪里交', 'fee-payment'],
  ['每个月管理费多少钱', 'fee-rate'],
  ['我想租个停车位', 'parking'],
  ['產權證要等多久才能拿到', 'title-deed'],
  ['不动产证啥时候下来', 'title-deed'],
  ['装修保证金怎么退回来', 'deposit'],
  ['3栋 电梯坏了', 'lift'],
  ['电梯里有人被困住了', 'lift'],
  ['WiFi 密码', 'wifi'],
  ['维修资金余额在哪查', 'fund'],
  ['能不能养宠物狗', 'pets'],
  ['快递可以放物业那吗', 'parcels'],
  ['家里突然停水了', 'water-cut'],
  ['装修施工是几点到几点', 'renovation-hours'],
  ['门禁卡不见了', 'access-card'],
  ['我家房子什么时候可以收楼', 'handover'],
  ['暖气什么时候来', 'heating'],
  ['下雨墙面渗漏', 'seepage'],
  ['新房开荒保洁多少钱', 'cleaning'],
  ['想在车位装个充电桩', 'charger'],
  ['物业费发票怎么开', 'invoice'],
  ['楼上邻居装修噪音太大', 'noise'],
  ['wuyefei', 'fee-payment'],
  ['wyf', 'fee-payment'],
  ['電梯壞了', 'lift'],
  ['停车费一个月多少', 'parking'],
  ['快递柜在哪里', 'parcels'],
  ['裝修押金', 'deposit'],
  ['chongdianzhuang', 'charger'],
  ['养大型犬可以吗', 'pets'],
  ['装修保证金什么时候能退', 'deposit'],
  ['卫生间天花板渗漏', 'seepage'],
  ['停车场月卡怎么办理', 'parking'],
  ['小区里能遛狗吗', 'pets'],
  ['物業管理費怎麼繳', 'fee-payment'],
  ['電子發票', 'invoice'],
  ['有人困在电梯里出不来', 'lift'],
  ['暖气不热找谁', 'heating'],
  ['周末可以装修吗', 'renovation-hours'],
  ['门卡坏了能补吗', 'access-card'],
  ['不动产权证啥时候发', 'title-deed'],
  ['wifi mima', 'wifi'],
];

/// Name parts for sample customers and instruments; all fictional.
enum SampleNames {
    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
                           "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "欧阳", "司马"]
    static let givenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
                             "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文博", "子涵", "浩然", "雨桐", "欣怡", "宇轩"]
    static let latinGiven = ["Wei", "Emily", "David", "Olivia", "Jason", "Grace", "Kevin", "Sophie", "Michael", "Alexandra",
                             "Daniel", "Chloe", "Henry", "Isabella", "Marcus", "Natalie"]
    static let latinFamily = ["Chen", "Zhang", "Wong", "Lee", "Tan", "Lim", "Ng", "Ho", "Lau", "Chan", "Montgomery-Li",
                              "Fitzgerald", "Nakamura", "Okafor", "Schmidt", "Rossi"]
    static let regionCodes = ["110101", "310104", "440305", "330106", "510107", "320102", "420106", "610113", "120103", "500103"]
    static let phonePrefixes = ["138", "139", "135", "136", "137", "150", "151", "158", "159", "186", "187", "188", "177", "199"]

    static let companyPrefixes = ["华东", "中联", "东方", "长江", "新城", "金桥", "海宁", "天合", "国泰", "南方", "华信", "永安",
                                  "恒通", "瑞丰", "鼎盛", "星河", "宏远", "博雅", "中科", "安和"]
    static let companySuffixes = ["科技", "医药", "银行", "能源", "电子", "证券", "汽车", "材料", "食品", "地产", "重工", "传媒",
                                  "半导体", "生物", "物流", "新能"]
    static let counterparties = ["工商银行", "建设银行", "招商银行", "农业银行", "third-party pay", "平安银行", "浦发银行"]
}

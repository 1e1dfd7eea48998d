<?xml version="1.0" encoding="UTF-8"?>
<!-- One record: what was registered, its evidence (shown inline), reviews, hours. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>
  <xsl:import href="../hours.xsl"/>

  <!-- /teacher/..., /school/..., /district/...: evidence is served by the same program. -->
  <xsl:variable name="base" select="concat('/', substring-before(concat(substring(/page/request/@path, 2), '/'), '/'))"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.title'"/></xsl:call-template></xsl:template>

  <xsl:template match="/page" mode="content">
    <xsl:variable name="r" select="record"/>
    <h1><xsl:value-of select="$r/item"/></h1>
    <p class="lead">
      <xsl:value-of select="$r/teacher"/> ·
      <span class="state"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('state.', $r/@state)"/></xsl:call-template></span>
    </p>
    <dl class="details">
      <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'record.category'"/></xsl:call-template></dt><dd><xsl:value-of select="$r/item/@category"/></dd>
      <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'record.dates'"/></xsl:call-template></dt><dd><xsl:value-of select="$r/@started"/> <xsl:call-template name="str"><xsl:with-param name="k" select="'home.period-sep'"/></xsl:call-template> <xsl:value-of select="$r/@ended"/></dd>
      <xsl:if test="$r/@quantity"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'record.quantity'"/></xsl:call-template></dt><dd><xsl:value-of select="$r/@quantity"/> × <xsl:value-of select="$r/item/@unit"/></dd></xsl:if>
      <xsl:if test="$r/@level"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'record.level'"/></xsl:call-template></dt><dd><xsl:call-template name="str"><xsl:with-param name="k" select="concat('level.', $r/@level)"/></xsl:call-template></dd></xsl:if>
      <xsl:if test="$r/@certified-tenths"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'record.certified'"/></xsl:call-template></dt><dd><xsl:call-template name="hours"><xsl:with-param name="t" select="$r/@certified-tenths"/></xsl:call-template></dd></xsl:if>
      <xsl:if test="$r/@points"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'record.points'"/></xsl:call-template></dt><dd><xsl:value-of select="$r/@points"/></dd></xsl:if>
      <xsl:if test="$r/@role"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'record.role'"/></xsl:call-template></dt><dd><xsl:call-template name="str"><xsl:with-param name="k" select="concat('role-in.', $r/@role)"/></xsl:call-template></dd></xsl:if>
      <xsl:if test="$r/@certificate-no"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'record.certificate'"/></xsl:call-template></dt><dd><xsl:value-of select="$r/@certificate-no"/> <xsl:value-of select="$r/@certificate-on"/></dd></xsl:if>
      <xsl:if test="$r/@cn"><dt>CN</dt><dd><xsl:value-of select="$r/@cn"/></dd></xsl:if>
      <xsl:if test="$r/@isbn"><dt>ISBN</dt><dd><xsl:value-of select="$r/@isbn"/></dd></xsl:if>
      <xsl:if test="$r/organiser"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'record.organiser'"/></xsl:call-template></dt><dd><xsl:value-of select="$r/organiser"/></dd></xsl:if>
      <xsl:if test="$r/project"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'record.project'"/></xsl:call-template></dt><dd><xsl:value-of select="$r/project"/>
        <xsl:if test="$r/project/@approved = 'no'"> （<xsl:call-template name="str"><xsl:with-param name="k" select="'record.project-unapproved'"/></xsl:call-template>）</xsl:if></dd></xsl:if>
      <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'record.claimed'"/></xsl:call-template></dt><dd><xsl:call-template name="hours"><xsl:with-param name="t" select="$r/@claimed-tenths"/></xsl:call-template> <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template></dd>
      <xsl:if test="explanation">
        <dt><xsl:call-template name="str"><xsl:with-param name="k" select="'record.counted'"/></xsl:call-template></dt>
        <dd><xsl:call-template name="hours"><xsl:with-param name="t" select="explanation/@counted-tenths"/></xsl:call-template> <xsl:call-template name="str"><xsl:with-param name="k" select="'hours.unit'"/></xsl:call-template>
          <xsl:if test="explanation/@cut != 'none'"> （<xsl:call-template name="str"><xsl:with-param name="k" select="concat('cut.', explanation/@cut)"/></xsl:call-template><xsl:if test="explanation/@cap">：<xsl:value-of select="explanation/@cap"/></xsl:if>）</xsl:if>
        </dd>
      </xsl:if>
      <xsl:if test="$r/description"><dt><xsl:call-template name="str"><xsl:with-param name="k" select="'record.description'"/></xsl:call-template></dt><dd><xsl:value-of select="$r/description"/></dd></xsl:if>
    </dl>
    <xsl:if test="$r/conditions"><p class="hint"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.conditions'"/></xsl:call-template><xsl:value-of select="$r/conditions"/></p></xsl:if>
    <h2><xsl:call-template name="str"><xsl:with-param name="k" select="'record.evidence'"/></xsl:call-template></h2>
    <xsl:choose>
      <xsl:when test="$r/evidence/file">
        <ul class="evidence">
          <xsl:for-each select="$r/evidence/file">
            <li>
              <xsl:if test="starts-with(@type, 'image/')">
                <img src="{$base}/evidence/{@id}" alt="{.}" loading="lazy"/>
              </xsl:if>
              <a href="{$base}/evidence/{@id}"><xsl:value-of select="."/></a>
              <xsl:if test="@used-elsewhere"><span class="flag"> <xsl:call-template name="str"><xsl:with-param name="k" select="'record.used-elsewhere'"/></xsl:call-template></span></xsl:if>
            </li>
          </xsl:for-each>
        </ul>
      </xsl:when>
      <xsl:otherwise><p class="empty"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.no-evidence'"/></xsl:call-template></p></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="$r/first-author-claims/claim">
      <div class="notice flag" role="note">
        <p><xsl:call-template name="str"><xsl:with-param name="k" select="'record.first-author-claims'"/></xsl:call-template></p>
        <ul>
          <xsl:for-each select="$r/first-author-claims/claim">
            <li><xsl:value-of select="@school"/><xsl:text> · </xsl:text><xsl:value-of select="@teacher"/><xsl:text> · </xsl:text>
              <xsl:call-template name="str"><xsl:with-param name="k" select="concat('state.', @state)"/></xsl:call-template></li>
          </xsl:for-each>
        </ul>
      </div>
    </xsl:if>
    <xsl:if test="refused">
      <p class="notice" role="alert"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('refused.', refused/@code)"/></xsl:call-template></p>
    </xsl:if>
    <xsl:for-each select="form/form-error">
      <p class="notice" role="alert"><xsl:call-template name="str"><xsl:with-param name="k" select="concat('form.', @code)"/></xsl:call-template></p>
    </xsl:for-each>
    <xsl:if test="$r/@district-returned = 'yes' and $r/@state = 'returned' and $r/@year-state = 'submitted'">
      <p class="notice"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.district-returned'"/></xsl:call-template></p>
    </xsl:if>
    <!-- The moves the caller may make now (record/actions, from the workflow's table). -->
    <xsl:variable name="can" select="$r/actions/action/@name"/>
    <xsl:if test="$base != '/district' and ($can = 'edit' or $can = 'submit' or $can = 'withdraw')">
      <div class="actions">
        <xsl:if test="$can = 'edit'">
          <a class="button" href="{$base}/records/{$r/@id}/edit"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.edit'"/></xsl:call-template></a>
        </xsl:if>
        <xsl:if test="$can = 'submit' and $base = '/teacher'">
          <form method="post" action="/teacher/records/{$r/@id}/submit" class="inline">
            <xsl:call-template name="csrf"/>
            <button type="submit" class="primary"><xsl:call-template name="str"><xsl:with-param name="k" select="'record-new.submit'"/></xsl:call-template></button>
          </form>
        </xsl:if>
        <xsl:if test="$can = 'withdraw' and $base = '/teacher'">
          <form method="post" action="/teacher/records/{$r/@id}/withdraw" class="inline">
            <xsl:call-template name="csrf"/>
            <button type="submit"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.withdraw'"/></xsl:call-template></button>
          </form>
        </xsl:if>
      </div>
    </xsl:if>
    <xsl:if test="$can = 'school_approve' or $can = 'district_approve'">
      <section class="card">
        <h2><xsl:call-template name="str"><xsl:with-param name="k" select="'record.review'"/></xsl:call-template></h2>
        <form method="post" action="{$base}/records/{$r/@id}/review">
          <xsl:call-template name="csrf"/>
          <div class="field">
            <label for="f-reason"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.reason'"/></xsl:call-template></label>
            <textarea id="f-reason" name="reason" rows="2"><xsl:value-of select="/page/form/value[@name = 'reason']"/></textarea>
          </div>
          <div class="actions">
            <button type="submit" name="decision" value="approve" class="primary"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.approve'"/></xsl:call-template></button>
            <button type="submit" name="decision" value="return"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.return'"/></xsl:call-template></button>
            <button type="submit" name="decision" value="reject"><xsl:call-template name="str"><xsl:with-param name="k" select="'record.reject'"/></xsl:call-template></button>
          </div>
        </form>
      </section>
    </xsl:if>
    <xsl:if test="$r/reviews/review">
      <h2><xsl:call-template name="str"><xsl:with-param name="k" select="'record.reviews'"/></xsl:call-template></h2>
      <ul class="history">
        <xsl:for-each select="$r/reviews/review">
          <li><xsl:value-of select="@at"/><xsl:text> </xsl:text>
            <xsl:call-template name="str"><xsl:with-param name="k" select="concat('review.', @stage, '.', @decision)"/></xsl:call-template>
            <xsl:if test="reason">：<xsl:value-of select="reason"/></xsl:if></li>
        </xsl:for-each>
      </ul>
    </xsl:if>
  </xsl:template>
</xsl:stylesheet>

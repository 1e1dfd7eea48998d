<?xml version="1.0" encoding="UTF-8"?>
<!--
  Training projects filed for approval (审批备案): /school/projects (the
  school's filings and the year's approved projects; the admin files one)
  and /district/projects (all, by state; the district files, approves with
  an approval number, or rejects with a reason). One card per project, so
  the page reads on a 360 px phone.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:import href="../layout.xsl"/>

  <xsl:template match="/page" mode="title"><xsl:call-template name="str"><xsl:with-param name="k" select="'projects.title'"/></xsl:call-template></xsl:template>

  <xsl:template name="s">
    <xsl:param name="k"/>
    <xsl:call-template name="str"><xsl:with-param name="k" select="$k"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="/page" mode="content">
    <h1><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.title'"/></xsl:call-template></h1>
    <p>
      <xsl:call-template name="s"><xsl:with-param name="k" select="concat('projects.intro-', @side)"/></xsl:call-template>
    </p>
    <xsl:if test="refused"><p class="notice" role="alert"><xsl:call-template name="s"><xsl:with-param name="k" select="concat('refused.', refused/@code)"/></xsl:call-template></p></xsl:if>
    <xsl:if test="/page/form/form-error[@field = 'project']">
      <p class="notice" role="alert"><xsl:call-template name="field-error"><xsl:with-param name="n" select="'project'"/></xsl:call-template></p>
    </xsl:if>
    <xsl:if test="@side = 'district' and projects">
      <form method="get" action="/district/projects" class="actions">
        <label for="f-state"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.filter'"/></xsl:call-template></label>
        <select id="f-state" name="state">
          <option value=""><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.filter-all'"/></xsl:call-template></option>
          <xsl:for-each select="$S/s[starts-with(@k, 'projects.state.')]">
            <xsl:variable name="code" select="substring-after(@k, 'projects.state.')"/>
            <option value="{$code}">
              <xsl:if test="$code = /page/projects/@state"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </option>
          </xsl:for-each>
        </select>
        <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.filter-button'"/></xsl:call-template></button>
      </form>
    </xsl:if>
    <xsl:if test="edit/project">
      <xsl:for-each select="edit">
        <xsl:call-template name="project-cards"/>
      </xsl:for-each>
    </xsl:if>
    <xsl:apply-templates select="projects"/>
    <xsl:if test="items and (@side = 'district' or user/@role = 'school_admin') and (not(edit) or form[@name = 'project'])">
      <xsl:call-template name="file-form"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="projects">
    <xsl:if test="not(project)"><p><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.none'"/></xsl:call-template></p></xsl:if>
    <xsl:call-template name="project-cards"/>
  </xsl:template>

  <!-- The current node's projects, one card each. -->
  <xsl:template name="project-cards">
    <ul class="cards projects">
      <xsl:for-each select="project">
        <li class="card project state-{@state}" id="project-{@id}">
          <h2>
            <xsl:choose>
              <xsl:when test="@mine = 'yes'"><a href="/school/projects/{@id}"><xsl:value-of select="name"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="name"/></xsl:otherwise>
            </xsl:choose>
          </h2>
          <dl>
            <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.state'"/></xsl:call-template></dt>
            <dd><strong><xsl:call-template name="s"><xsl:with-param name="k" select="concat('projects.state.', @state)"/></xsl:call-template></strong></dd>
            <xsl:if test="@approval-no">
              <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.approval-no'"/></xsl:call-template></dt>
              <dd class="mono"><xsl:value-of select="@approval-no"/></dd>
            </xsl:if>
            <xsl:if test="reject-reason">
              <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.reason'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="reject-reason"/></dd>
            </xsl:if>
            <xsl:if test="organiser">
              <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.organiser'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="organiser"/></dd>
            </xsl:if>
            <xsl:if test="@level">
              <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.level'"/></xsl:call-template></dt>
              <dd><xsl:call-template name="s"><xsl:with-param name="k" select="concat('level.', @level)"/></xsl:call-template></dd>
            </xsl:if>
            <xsl:if test="item-name">
              <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.item-col'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="item-name"/></dd>
            </xsl:if>
            <xsl:if test="@starts">
              <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.dates'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="@starts"/><xsl:call-template name="s"><xsl:with-param name="k" select="'form.range-to'"/></xsl:call-template><xsl:value-of select="@ends"/></dd>
            </xsl:if>
            <xsl:if test="@hours">
              <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.hours'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="@hours"/></dd>
            </xsl:if>
            <xsl:if test="@expected">
              <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.expected'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="@expected"/></dd>
            </xsl:if>
            <xsl:if test="@class-size">
              <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.class-size-col'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="@class-size"/></dd>
            </xsl:if>
            <xsl:if test="@quota-percent">
              <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.quota-col'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="@quota-percent"/>%<xsl:if test="@quota-from = 'item'"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.quota-item'"/></xsl:call-template></xsl:if></dd>
            </xsl:if>
            <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.filer'"/></xsl:call-template></dt>
            <dd>
              <xsl:choose>
                <xsl:when test="@by = 'school'"><xsl:value-of select="school-name"/></xsl:when>
                <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.by-district'"/></xsl:call-template></xsl:otherwise>
              </xsl:choose>
              <xsl:if test="filed-by"> · <xsl:value-of select="filed-by"/></xsl:if>
            </dd>
            <xsl:if test="@filed-at">
              <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.filed-at'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="substring(@filed-at, 1, 10)"/></dd>
            </xsl:if>
            <xsl:if test="@decided-at">
              <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.decided-at'"/></xsl:call-template></dt>
              <dd><xsl:value-of select="substring(@decided-at, 1, 10)"/><xsl:if test="decided-by"> · <xsl:value-of select="decided-by"/></xsl:if></dd>
            </xsl:if>
            <dt><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.records'"/></xsl:call-template></dt>
            <dd><xsl:value-of select="@records"/></dd>
          </dl>
          <xsl:if test="/page/@side = 'district' and @state = 'filed'">
            <xsl:call-template name="decide"/>
          </xsl:if>
        </li>
      </xsl:for-each>
    </ul>
  </xsl:template>

  <!-- Approve (with its number) or reject (with a reason); the errors of this project's last try. -->
  <xsl:template name="decide">
    <xsl:variable name="mine" select="/page/form[@name = 'decide' and @project = current()/@id]"/>
    <form method="post" action="/district/projects/{@id}/approve">
      <xsl:call-template name="csrf"/>
      <div class="field">
        <xsl:if test="$mine[@action = 'approve']/form-error[@field = 'approval_no']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-approval_no-{@id}"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.approval-no'"/></xsl:call-template></label>
        <input id="f-approval_no-{@id}" name="approval_no" type="text" autocomplete="off" value="{$mine[@action = 'approve']/value[@name = 'approval_no']}"/>
        <xsl:if test="$mine[@action = 'approve']"><xsl:call-template name="field-error"><xsl:with-param name="n" select="'approval_no'"/></xsl:call-template></xsl:if>
      </div>
      <button type="submit" class="primary"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.approve'"/></xsl:call-template></button>
    </form>
    <form method="post" action="/district/projects/{@id}/reject">
      <xsl:call-template name="csrf"/>
      <div class="field">
        <xsl:if test="$mine[@action = 'reject']/form-error[@field = 'reason']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-reason-{@id}"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.reason'"/></xsl:call-template></label>
        <textarea id="f-reason-{@id}" name="reason" rows="2"><xsl:value-of select="$mine[@action = 'reject']/value[@name = 'reason']"/></textarea>
        <xsl:if test="$mine[@action = 'reject']"><xsl:call-template name="field-error"><xsl:with-param name="n" select="'reason'"/></xsl:call-template></xsl:if>
      </div>
      <button type="submit"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.reject'"/></xsl:call-template></button>
    </form>
  </xsl:template>

  <!-- The filing: every field keeps what was typed and shows its error. -->
  <xsl:template name="file-form">
    <xsl:variable name="f" select="/page/form[@name = 'project']"/>
    <h2>
      <xsl:choose>
        <xsl:when test="$f/@project"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.edit'"/></xsl:call-template> · <xsl:value-of select="/page/edit/project/name"/></xsl:when>
        <xsl:otherwise><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.file'"/></xsl:call-template></xsl:otherwise>
      </xsl:choose>
    </h2>
    <xsl:if test="$f/form-error"><p class="notice" role="alert"><xsl:call-template name="s"><xsl:with-param name="k" select="'record-new.has-errors'"/></xsl:call-template></p></xsl:if>
    <form method="post" action="/{@side}/projects">
      <xsl:if test="$f/@project"><xsl:attribute name="action">/school/projects/<xsl:value-of select="$f/@project"/>/edit</xsl:attribute></xsl:if>
      <xsl:call-template name="csrf"/>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'name'"/><xsl:with-param name="label" select="'projects.name'"/></xsl:call-template>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'organiser'"/><xsl:with-param name="label" select="'projects.organiser'"/></xsl:call-template>
      <div class="field">
        <xsl:if test="$f/form-error[@field = 'level']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-level"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.level'"/></xsl:call-template></label>
        <select id="f-level" name="level">
          <option value=""><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.choose'"/></xsl:call-template></option>
          <xsl:for-each select="$S/s[starts-with(@k, 'level.')]">
            <xsl:variable name="code" select="substring-after(@k, 'level.')"/>
            <option value="{$code}">
              <xsl:if test="$code = $f/value[@name = 'level']"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </option>
          </xsl:for-each>
        </select>
        <xsl:call-template name="field-error"><xsl:with-param name="n" select="'level'"/></xsl:call-template>
      </div>
      <div class="field">
        <xsl:if test="$f/form-error[@field = 'item']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
        <label for="f-item"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.item'"/></xsl:call-template></label>
        <select id="f-item" name="item">
          <option value=""><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.choose'"/></xsl:call-template></option>
          <xsl:for-each select="/page/items/item">
            <option value="{@id}">
              <xsl:if test="@id = $f/value[@name = 'item']"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </option>
          </xsl:for-each>
        </select>
        <xsl:call-template name="field-error"><xsl:with-param name="n" select="'item'"/></xsl:call-template>
      </div>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'starts_on'"/><xsl:with-param name="label" select="'projects.starts'"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'ends_on'"/><xsl:with-param name="label" select="'projects.ends'"/><xsl:with-param name="type" select="'date'"/></xsl:call-template>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'hours'"/><xsl:with-param name="label" select="'projects.hours'"/></xsl:call-template>
      <p class="hint"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.hours-hint'"/></xsl:call-template></p>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'expected'"/><xsl:with-param name="label" select="'projects.expected'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'class_size'"/><xsl:with-param name="label" select="'projects.class-size'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
      <xsl:call-template name="input"><xsl:with-param name="n" select="'quota'"/><xsl:with-param name="label" select="'projects.quota'"/><xsl:with-param name="type" select="'number'"/></xsl:call-template>
      <xsl:if test="@side = 'district'">
        <div class="field">
          <label><input type="checkbox" name="approve" value="1"><xsl:if test="$f/value[@name = 'approve']"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input>
            <xsl:call-template name="s"><xsl:with-param name="k" select="'projects.approve-now'"/></xsl:call-template></label>
        </div>
        <div class="field">
          <xsl:if test="$f/form-error[@field = 'approval_no']"><xsl:attribute name="class">field has-error</xsl:attribute></xsl:if>
          <label for="f-approval_no"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.approval-no'"/></xsl:call-template></label>
          <input id="f-approval_no" name="approval_no" type="text" autocomplete="off" value="{$f/value[@name = 'approval_no']}"/>
          <xsl:if test="$f"><xsl:call-template name="field-error"><xsl:with-param name="n" select="'approval_no'"/></xsl:call-template></xsl:if>
        </div>
      </xsl:if>
      <button type="submit" class="primary"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.file-button'"/></xsl:call-template></button>
    </form>
    <xsl:if test="$f/@project"><p><a href="/school/projects"><xsl:call-template name="s"><xsl:with-param name="k" select="'projects.back'"/></xsl:call-template></a></p></xsl:if>
  </xsl:template>
</xsl:stylesheet>
